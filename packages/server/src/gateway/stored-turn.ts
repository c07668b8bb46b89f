import { type ChatEvent, CompanyChatError, type CompletionEvent, type Owner } from '@company-chat/core';
import type { ChatEnginePort } from '../app/chat-engine-port.js';
import type { OpenAIChatCompletionRequest } from './to-model-request.js';

/** The request header that asks for a stored conversation: `new`, or the id of one of the caller's. */
export const CONVERSATION_HEADER = 'x-company-chat-conversation';

/**
 * A completion kept as a turn of a stored conversation, for callers that ask with {@link CONVERSATION_HEADER}:
 * the last message (a user message) is sent with the chat API's `send`, so the conversation's stored
 * history, system prompt and knowledge base shape the answer and both messages are kept. Earlier messages
 * of the request are not used; tools are refused. The conversation's id is passed to `onConversation`.
 */
export async function* storedTurn(
  engine: ChatEnginePort,
  input: {
    owner: Owner;
    body: OpenAIChatCompletionRequest;
    conversation: string;
    signal: AbortSignal;
    requestId: string;
  },
  onConversation: (id: string) => void,
): AsyncGenerator<CompletionEvent, void, undefined> {
  const last = input.body.messages.at(-1);
  if (input.body.tools?.length || last?.role !== 'user') {
    throw new CompanyChatError({
      code: 'invalid_request',
      message: `${CONVERSATION_HEADER}: a stored turn takes a last user message and no tools.`,
    });
  }
  const content = typeof last.content === 'string' ? last.content : last.content.map((p) => p.text).join('');
  const events: AsyncIterable<ChatEvent> = engine.send({
    owner: input.owner,
    content,
    model: input.body.model,
    signal: input.signal,
    requestId: input.requestId,
    ...(input.conversation === 'new' ? {} : { conversationId: input.conversation }),
  });
  for await (const event of events) {
    if (event.type === 'conversation') onConversation(event.conversation.id);
    // A completion has no citations; the stored answer keeps them for the chat API's readers.
    else if (event.type !== 'citation') yield event;
  }
}
