import { azureOpenAI, type ChatModel, openai, router } from '@company-chat/core';

/** Where the example's models live; in a real app these come from your secrets store. */
export interface ModelSettings {
  /** An OpenAI-compatible endpoint (OpenAI itself when unset) and its key. */
  openaiBaseURL?: string;
  openaiApiKey: string;
  /** An Azure OpenAI resource with a deployment of the same model, the fallback of `default`. */
  azureEndpoint: string;
  azureApiKey: string;
  azureDeployment: string;
}

/**
 * The host app's own alias table. `default` is a router over two deployments of the same model: Azure
 * first, OpenAI when Azure fails before the first token (429, 5xx, timeout), with a cooldown. `fast` is a
 * smaller model for quick questions; users pick it with the widget's model picker (`model: "fast"`).
 */
export function chatModels(settings: ModelSettings): Record<string, ChatModel> {
  const primary = azureOpenAI({
    endpoint: settings.azureEndpoint,
    apiKey: settings.azureApiKey,
    deployment: settings.azureDeployment,
  });
  const secondary = openai({ baseURL: settings.openaiBaseURL, apiKey: settings.openaiApiKey, model: 'gpt-4o' });
  return {
    default: router({ routes: [primary, secondary], cooldownMs: 60_000 }),
    fast: openai({ baseURL: settings.openaiBaseURL, apiKey: settings.openaiApiKey, model: 'gpt-4o-mini' }),
  };
}
