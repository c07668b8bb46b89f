import type { ChatMessage, ChatSnapshot } from '@company-chat/core/client';
import { describe, expect, it } from 'vitest';
import { defaultStrings } from '../strings.js';
import { describeTransition } from './describe-transition.js';

const base: ChatSnapshot = {
  conversationId: null,
  title: null,
  messages: [],
  status: 'idle',
  error: null,
  model: null,
  useKnowledge: null,
};
const answer = (status: ChatMessage['status'], error: ChatMessage['error'] = null): ChatMessage => ({
  id: 'a1',
  role: 'assistant',
  content: 'Hi',
  status,
  model: null,
  createdAt: '',
  error,
  clientMessageId: null,
  siblingIds: null,
  citations: [],
  feedback: null,
});

describe('describeTransition', () => {
  it('announces the start, then the end with cc-answer-complete, never the tokens', () => {
    const streaming = { ...base, status: 'streaming' as const, conversationId: 'c1', messages: [answer('streaming')] };
    expect(describeTransition(base, streaming, defaultStrings)).toEqual({
      announcement: 'The assistant is answering.',
      events: [],
      listChanged: true,
    });
    const token = { ...streaming, messages: [{ ...answer('streaming'), content: 'Hi there' }] };
    expect(describeTransition(streaming, token, defaultStrings).announcement).toBeNull();
    const done = { ...streaming, status: 'idle' as const, messages: [answer('complete')] };
    expect(describeTransition(token, done, defaultStrings)).toEqual({
      announcement: 'The answer is complete.',
      events: [['cc-answer-complete', { messageId: 'a1', conversationId: 'c1', status: 'complete', content: 'Hi' }]],
      listChanged: true,
    });
  });

  it('reports failures with cc-error and announces them in the employee’s words', () => {
    const error = { code: 'overloaded', message: 'Busy.', retryable: true };
    const streaming = { ...base, status: 'streaming' as const, messages: [answer('streaming')] };
    const failed = { ...streaming, status: 'error' as const, error, messages: [answer('error', error)] };
    const t = describeTransition(streaming, failed, defaultStrings);
    expect(t.announcement).toBe(`The answer failed: ${defaultStrings.errorOverloaded}`);
    expect(t.events.map(([name]) => name)).toEqual(['cc-answer-complete', 'cc-error']);
    const unsupported = { ...base, status: 'error' as const, error: { ...error, code: 'not_supported' } };
    expect(describeTransition(base, unsupported, defaultStrings).events).toEqual([
      ['cc-error', { code: 'not_supported', message: 'Busy.', retryable: true }],
    ]);
  });
});
