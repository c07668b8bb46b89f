import type * as AnthropicModule from '@anthropic-ai/sdk';
import { lazyProviderSdk } from '../load-provider-sdk.js';

/** The `@anthropic-ai/sdk` module's exports. */
export type AnthropicSdk = typeof AnthropicModule;

/** The `@anthropic-ai/sdk` SDK, imported on first use (see {@link lazyProviderSdk}). */
export const loadAnthropicSdk = lazyProviderSdk<AnthropicSdk>('@anthropic-ai/sdk', () => import('@anthropic-ai/sdk'));
