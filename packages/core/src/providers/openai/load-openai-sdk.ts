import type * as OpenAIModule from 'openai';
import { lazyProviderSdk } from '../load-provider-sdk.js';

/** The `openai` module's exports. */
export type OpenAISdk = typeof OpenAIModule;

/** The `openai` SDK, imported on first use (see {@link lazyProviderSdk}). */
export const loadOpenAISdk = lazyProviderSdk<OpenAISdk>('openai', () => import('openai'));
