import type { ChatSnapshot } from '@company-chat/core/client';
import { employeeError } from '../errors/employee-error.js';
import { type CompanyChatStrings, format } from '../strings.js';

/** What the element does after a state change: what to announce, which events to fire, whether to reload the list. */
export interface Transition {
  announcement: string | null;
  events: Array<[name: string, detail: Record<string, unknown>]>;
  /** The conversation list changed (new conversation, answer finished: new title or order). */
  listChanged: boolean;
}

/**
 * Turns a state change into announcements and host events. Screen readers hear that an answer started
 * and how it ended, never the tokens in between.
 */
export function describeTransition(prev: ChatSnapshot, next: ChatSnapshot, t: CompanyChatStrings): Transition {
  const out: Transition = { announcement: null, events: [], listChanged: false };
  if (prev.status !== 'streaming' && next.status === 'streaming') out.announcement = t.answerStarted;
  if (prev.status === 'streaming' && next.status !== 'streaming') {
    const answer = next.messages.at(-1);
    if (answer?.role === 'assistant') {
      out.announcement =
        answer.status === 'complete'
          ? t.answerFinished
          : answer.status === 'error'
            ? format(t.answerFailed, { message: answer.error ? employeeError(answer.error, t).text : '' })
            : t.answerStopped;
      out.events.push([
        'cc-answer-complete',
        { messageId: answer.id, conversationId: next.conversationId, status: answer.status, content: answer.content },
      ]);
    }
    out.listChanged = true;
  }
  if (next.error && next.error !== prev.error) {
    // An error outside streaming (an unsupported action, a failed load) is announced by itself.
    if (next.status !== 'streaming' && prev.status !== 'streaming') {
      out.announcement = format(t.answerFailed, { message: employeeError(next.error, t).text });
    }
    out.events.push(['cc-error', { ...next.error }]);
  }
  if (next.conversationId !== prev.conversationId && next.conversationId) out.listChanged = true;
  return out;
}
