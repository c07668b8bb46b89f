import type { MessageParam } from '@anthropic-ai/sdk/resources/messages';
import type { ChatModelMessage } from '../chat-model.js';

/**
 * Converts the prompt to what the Messages API accepts: roles alternate starting with `user`
 * (consecutive same-role turns are merged, leading assistant turns dropped: prompt trimming can
 * leave one first), and no empty text (an aborted answer may have stored none).
 */
export function toAnthropicMessages(messages: ChatModelMessage[]): MessageParam[] {
  const out: Array<{ role: 'user' | 'assistant'; content: string }> = [];
  for (const message of messages) {
    if (message.content.trim() === '') continue;
    if (out.length === 0 && message.role === 'assistant') continue;
    const last = out.at(-1);
    if (last && last.role === message.role) last.content += `\n\n${message.content}`;
    else out.push({ role: message.role, content: message.content });
  }
  return out;
}
