import type { ChatModelRequest } from '../chat-model.js';
import type { AiSdkCallOptions, AiSdkMessage } from './ai-sdk-language-model.js';

/**
 * Converts our request to AI SDK call options. Context passages are already rendered into `system`
 * (as for every prose model), so `request.context` is not sent again. Empty turns are dropped: an
 * aborted answer may have stored no text, and several providers (Anthropic, Bedrock) reject empty text.
 */
export function toAiSdkCallOptions(
  request: ChatModelRequest,
  defaults: { maxOutputTokens?: number | undefined },
): AiSdkCallOptions {
  const prompt: AiSdkMessage[] = [];
  if (request.system) prompt.push({ role: 'system', content: request.system });
  for (const message of request.messages) {
    if (message.content.trim() === '') continue;
    prompt.push({ role: message.role, content: [{ type: 'text', text: message.content }] });
  }
  const options: AiSdkCallOptions = { prompt };
  const maxOutputTokens = request.maxOutputTokens ?? defaults.maxOutputTokens;
  if (maxOutputTokens !== undefined) options.maxOutputTokens = maxOutputTokens;
  if (request.temperature !== undefined) options.temperature = request.temperature;
  if (request.stopSequences?.length) options.stopSequences = request.stopSequences;
  return options;
}
