import { describe, expect, it } from 'vitest';
import { fromStored } from './chat-message.js';

describe('stored citations', () => {
  it('come back with a stored answer (and as an empty list from older servers)', () => {
    const stored = {
      id: 'a',
      conversationId: 'c',
      parentId: 'q',
      role: 'assistant' as const,
      content: 'Thirty days [2].',
      status: 'complete' as const,
      model: 'default',
      usage: null,
      finishReason: 'stop' as const,
      error: null,
      clientMessageId: null,
      createdAt: '2030-01-01T00:00:00.000Z',
      updatedAt: '2030-01-01T00:00:00.000Z',
    };
    const citation = { index: 2, fileId: 'f', fileName: 'policy.pdf', page: 4, snippet: 'Thirty days a year.' };
    expect(fromStored({ ...stored, citations: [citation] }).citations).toEqual([citation]);
    expect(fromStored(stored)).toMatchObject({ citations: [], feedback: null });
  });
});
