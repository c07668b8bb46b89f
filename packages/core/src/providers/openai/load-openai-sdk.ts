import type * as OpenAIModule from 'openai';
import { ProviderError } from '../../errors/provider-error.js';

/** The `openai` module's exports. */
export type OpenAISdk = typeof OpenAIModule;

let loading: Promise<OpenAISdk> | undefined;

/**
 * The `openai` SDK, imported on first use rather than with the package: loading it is a noticeable part
 * of a server's start, and a server with no OpenAI-style model (the offline default, Anthropic only)
 * never needs it. Loaded once per process.
 */
export function loadOpenAISdk(provider: string): Promise<OpenAISdk> {
  loading ??= import('openai');
  return loading.catch((cause) => {
    throw new ProviderError({
      code: 'upstream',
      provider,
      message: 'The `openai` package could not be loaded: install it next to @company-chat/core',
      cause,
    });
  });
}
