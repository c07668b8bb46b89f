import type * as AnthropicModule from '@anthropic-ai/sdk';
import { ProviderError } from '../../errors/provider-error.js';

/** The `@anthropic-ai/sdk` module's exports. */
export type AnthropicSdk = typeof AnthropicModule;

let loading: Promise<AnthropicSdk> | undefined;

/**
 * The `@anthropic-ai/sdk` SDK, imported on first use rather than with the package: it is the costliest
 * module a server would otherwise load at start, and only servers with an Anthropic model need it.
 * Loaded once per process.
 */
export function loadAnthropicSdk(): Promise<AnthropicSdk> {
  loading ??= import('@anthropic-ai/sdk');
  return loading.catch((cause) => {
    throw new ProviderError({
      code: 'upstream',
      provider: 'anthropic',
      message: 'The `@anthropic-ai/sdk` package could not be loaded: install it next to @company-chat/core',
      cause,
    });
  });
}
