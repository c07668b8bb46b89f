/**
 * The part of the Vercel AI SDK's language model specification (`@ai-sdk/provider`) that
 * `fromAiSdk()` reads, written structurally so that core needs no runtime import of the AI SDK and
 * accepts `LanguageModelV2`, `LanguageModelV3` and `LanguageModelV4` models alike.
 */

/** A text part of an AI SDK prompt message. */
export interface AiSdkTextPart {
  type: 'text';
  text: string;
}

/** The prompt messages the adapter sends: a system message and text-only user/assistant turns. */
export type AiSdkMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: AiSdkTextPart[] }
  | { role: 'assistant'; content: AiSdkTextPart[] };

/** The call options the adapter passes to `doStream` (the common subset of V2, V3 and V4). */
export interface AiSdkCallOptions {
  prompt: AiSdkMessage[];
  maxOutputTokens?: number;
  temperature?: number;
  stopSequences?: string[];
  abortSignal?: AbortSignal;
}

/** A stream part as the adapter first sees it: every spec version's parts carry a `type`. */
export interface AiSdkStreamPart {
  type: string;
}

/**
 * A Vercel AI SDK language model: anything an `@ai-sdk/*` provider returns for a chat model
 * (`google('gemini-2.5-flash')`, `mistral('mistral-large-latest')`, `bedrock(...)`, ...).
 * Specification versions `v2` (AI SDK 5), `v3` (AI SDK 6) and `v4` (AI SDK 7) are supported.
 */
export interface AiSdkLanguageModel {
  readonly specificationVersion: 'v2' | 'v3' | 'v4';
  readonly provider: string;
  readonly modelId: string;
  doStream(options: AiSdkCallOptions): PromiseLike<{ stream: ReadableStream<AiSdkStreamPart> }>;
}

/** V3/V4 usage: token counts broken down, each possibly unknown. */
export interface AiSdkNestedUsage {
  inputTokens: { total: number | undefined };
  outputTokens: { total: number | undefined };
}

/** V2 usage: flat token counts. */
export interface AiSdkFlatUsage {
  inputTokens: number | undefined;
  outputTokens: number | undefined;
  totalTokens?: number | undefined;
}

/** The `finish` part of every spec version: V2 has a plain finish reason, V3/V4 a unified and a raw one. */
export interface AiSdkFinishPart {
  type: 'finish';
  finishReason: string | { unified: string; raw: string | undefined };
  usage: AiSdkNestedUsage | AiSdkFlatUsage;
}
