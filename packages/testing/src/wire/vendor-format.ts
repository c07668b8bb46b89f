import type { IncomingHttpHeaders } from 'node:http';

/** The vendors whose wire format the server speaks. */
export type WireVendor = 'openai' | 'azure' | 'anthropic';

/** Token counts the server reports for one answer. */
export interface WireUsage {
  inputTokens: number;
  outputTokens: number;
}

/** One streamed response in a vendor's SSE format: each method returns complete SSE events (with `\n\n`). */
export interface VendorStream {
  headers: Record<string, string>;
  /** Events before the first token (role chunk, filter results, message_start, ping...). */
  start(inputTokens: number): string;
  token(text: string): string;
  /** A tool call: its opening delta (id, name) and one delta per piece of its arguments. Absent: not scripted for this vendor. */
  toolCall?(id: string, name: string, argumentPieces: string[]): string;
  /** The closing events (finish chunk, usage chunk, `[DONE]` / message_delta, message_stop). */
  finish(finishReason: string | undefined, usage: WireUsage): string;
  /** An error event inside the 200 stream. */
  streamError(errorType: string | undefined, message: string | undefined): string;
  /** An event whose data is not valid JSON. */
  malformed(): string;
}

/** An HTTP error response in a vendor's format. */
export interface VendorError {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What a vendor module provides to the wire server. */
export interface VendorFormat {
  vendor: WireVendor;
  /** Checks the request like the vendor would; returns an error response or undefined. */
  validate(headers: IncomingHttpHeaders, body: unknown, apiKey: string | undefined): VendorError | undefined;
  error(status: number, errorType?: string, message?: string): VendorError;
  stream(body: Record<string, unknown>): VendorStream;
}

/** Random lowercase hex, for ids. */
export function randomHex(length: number): string {
  let out = '';
  while (out.length < length) out += Math.random().toString(16).slice(2);
  return out.slice(0, length);
}

/** Formats one SSE event the way the vendors do. */
export function sseEvent(data: string, event?: string): string {
  return event ? `event: ${event}\ndata: ${data}\n\n` : `data: ${data}\n\n`;
}
