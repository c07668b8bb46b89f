/**
 * What the wire server does with one request. Tests queue these with `server.script(...)`; requests
 * beyond the queue get the server's default answer.
 */
export type WireBehaviour =
  /** A normal streamed answer. `finishReason` is the vendor's raw value (`stop`, `content_filter`, `end_turn`, `refusal`, ...). */
  | {
      type: 'answer';
      text?: string;
      tokens?: string[];
      finishReason?: string;
      /** Delay before the first content chunk (the headers and preamble go out at once). */
      firstTokenDelayMs?: number;
      /** Delay between content chunks. */
      chunkDelayMs?: number;
      /**
       * Sends every content chunk and the stream's end in one socket write (a fast model's burst, or a
       * proxy that buffers): the client reads several chunks at once. `chunkDelayMs` does not apply.
       */
      oneWrite?: boolean;
    }
  /** An HTTP error in the vendor's JSON error format. */
  | {
      type: 'error';
      status: number;
      /** `retry-after` header value (seconds or an HTTP date). */
      retryAfter?: string;
      /** `retry-after-ms` header value (Azure and OpenAI send it). */
      retryAfterMs?: string;
      /** Vendor error type / code, e.g. `overloaded_error`, `context_length_exceeded`. */
      errorType?: string;
      message?: string;
    }
  /** Sends `afterChunks` content chunks, then closes the connection without the stream's end events. */
  | { type: 'cut'; afterChunks: number; graceful?: boolean }
  /** Sends `afterChunks` content chunks, then an event whose data is not JSON. */
  | { type: 'malformed'; afterChunks: number }
  /** Sends `afterChunks` content chunks, then an in-stream error event (HTTP status stays 200). */
  | { type: 'stream-error'; afterChunks: number; errorType?: string; message?: string }
  /**
   * A streamed tool call instead of text (OpenAI and Azure formats): the call's id and name, then its JSON
   * `arguments` in a few pieces, then finish reason `tool_calls`.
   */
  | { type: 'tool-call'; name: string; arguments: string; id?: string }
  /** Accepts the request and never answers (no headers) until the client goes away. */
  | { type: 'hang' }
  /** Sends headers and `afterChunks` content chunks, then goes silent until the client goes away. */
  | { type: 'stall'; afterChunks: number };

/** Splits text into word-sized tokens that concatenate back to the text (`"Hi there"` → `["Hi", " there"]`). */
export function splitTokens(text: string): string[] {
  return text.match(/\s*\S+\s*$|\s*\S+/g) ?? (text ? [text] : []);
}

/** `count` tokens (`tok0 tok1 ...`) for benchmarks. */
export function syntheticTokens(count: number): string[] {
  return Array.from({ length: count }, (_, i) => (i === 0 ? 'tok0' : ` tok${i}`));
}

/** A rough token count (words), used for the usage the server reports. */
export function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
