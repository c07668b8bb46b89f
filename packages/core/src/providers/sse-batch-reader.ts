import { createParser, type EventSourceMessage } from 'eventsource-parser';

/**
 * Reads the server-sent events of an HTTP response body a network chunk at a time: each {@link read}
 * returns every event completed by the next chunk(s). Providers read the body with it instead of
 * through their SDK's stream helper, whose decoder re-copies its byte buffer for every event and costs a
 * promise per event (together most of our server's CPU at 100k tokens/s; see bench/stream-overhead).
 * One streaming TextDecoder; eventsource-parser (linear since 3.1) splits the lines.
 */
export class SseBatchReader {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  // Node's TextDecoder is ~6× slower in streaming mode than on whole input, so a chunk that ends on a
  // character boundary (an ASCII last byte, and no bytes held back from the previous chunk) is decoded
  // whole; only a chunk that splits a character goes through the streaming decoder. BOMs are kept by
  // both (a U+FEFF that starts a later chunk is text) and only a leading one is dropped, as SSE says.
  private readonly wholeDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
  private readonly streamDecoder = new TextDecoder('utf-8', { ignoreBOM: true });
  private heldBack = false;
  private first = true;
  private readonly parser = createParser({ onEvent: (event) => this.batch.push(event) });
  private batch: EventSourceMessage[] = [];
  private ended = false;

  constructor(body: ReadableStream<Uint8Array>) {
    this.reader = body.getReader();
  }

  /** The events of the next chunk(s) that complete at least one event, or `null` at the end of the body. */
  async read(): Promise<EventSourceMessage[] | null> {
    while (!this.ended) {
      const { value, done } = await this.reader.read();
      if (done) {
        this.ended = true;
        // Bytes of a cut character become U+FFFD; an event cut before its blank line is never dispatched
        // (discarded, as the SSE spec and the SDKs do).
        if (this.heldBack) this.feed(this.streamDecoder.decode());
      } else {
        this.feed(this.decode(value));
      }
      if (this.batch.length > 0) {
        const events = this.batch;
        this.batch = [];
        return events;
      }
    }
    return null;
  }

  private decode(bytes: Uint8Array): string {
    const endsOnBoundary = bytes.length === 0 || bytes[bytes.length - 1]! < 0x80;
    if (!this.heldBack && endsOnBoundary) return this.wholeDecoder.decode(bytes);
    this.heldBack = !endsOnBoundary;
    return this.streamDecoder.decode(bytes, { stream: true });
  }

  private feed(text: string): void {
    if (this.first && text.length > 0) {
      this.first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.parser.feed(text);
  }

  /** Closes the body (and with it the connection) when it was not read to its end. */
  cancel(): void {
    if (this.ended) return;
    this.ended = true;
    this.reader.cancel().catch(() => {});
  }
}
