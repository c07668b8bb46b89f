import type { ChatModelMessage, ChatModelRequest } from '@company-chat/core';
import type { openAIChatCompletionRequestSchema, openAIChatMessageSchema } from '@company-chat/core/protocol';
import type { z } from 'zod';

/** A validated `POST /v1/chat/completions` body. */
export type OpenAIChatCompletionRequest = z.output<typeof openAIChatCompletionRequestSchema>;
type OpenAIChatMessage = z.output<typeof openAIChatMessageSchema>;

/** A message's text: a string, or its text parts joined. */
function textOf(content: OpenAIChatMessage['content']): string {
  if (content == null) return '';
  return typeof content === 'string' ? content : content.map((part) => part.text).join('');
}

/**
 * The provider-spec request of an OpenAI chat completion request. System and developer messages become
 * the system instructions (joined in order: every provider takes them there), tool results user turns
 * that name their call, and `max_completion_tokens` (or the older `max_tokens`) the output limit.
 */
export function toModelRequest(body: OpenAIChatCompletionRequest): ChatModelRequest {
  const system: string[] = [];
  const messages: ChatModelMessage[] = [];
  for (const message of body.messages) {
    if (message.role === 'system' || message.role === 'developer') system.push(textOf(message.content));
    else if (message.role === 'tool') {
      messages.push({ role: 'user', content: textOf(message.content), toolCallId: message.tool_call_id });
    } else if (message.role === 'assistant') {
      const toolCalls = message.tool_calls?.map((call) => ({
        id: call.id,
        name: call.function.name,
        arguments: call.function.arguments,
      }));
      messages.push({
        role: 'assistant',
        content: textOf(message.content),
        ...(toolCalls?.length ? { toolCalls } : {}),
      });
    } else messages.push({ role: 'user', content: textOf(message.content) });
  }
  const request: ChatModelRequest = { messages };
  if (system.length > 0) request.system = system.join('\n\n');
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  if (maxTokens != null) request.maxOutputTokens = maxTokens;
  if (body.temperature != null) request.temperature = body.temperature;
  if (body.stop != null) request.stopSequences = typeof body.stop === 'string' ? [body.stop] : body.stop;
  if (body.tools?.length) {
    request.tools = body.tools.map(({ function: fn }) => ({
      name: fn.name,
      ...(fn.description === undefined ? {} : { description: fn.description }),
      ...(fn.parameters === undefined ? {} : { parameters: fn.parameters }),
      ...(fn.strict == null ? {} : { strict: fn.strict }),
    }));
  }
  if (body.tool_choice !== undefined) {
    request.toolChoice =
      typeof body.tool_choice === 'string' ? body.tool_choice : { name: body.tool_choice.function.name };
  }
  return request;
}
