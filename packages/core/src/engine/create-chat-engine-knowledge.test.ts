import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMemoryChatStore } from '../conversations/memory-chat-store.js';
import type { ChatEvent } from '../engine/chat-events.js';
import type { ChatModel, ChatModelRequest } from '../providers/chat-model.js';
import { OFFLINE_NOTHING_FOUND, OFFLINE_PREFIX, offline } from '../rag/answer/offline-model.js';
import { createKnowledgeBase } from '../rag/create-knowledge-base.js';
import { NOTHING_RELEVANT_PROMPT } from '../rag/prompt/build-context-prompt.js';
import { createMemoryKnowledgeStore } from '../rag/store/memory-knowledge-store.js';
import { createChatEngine } from './create-chat-engine.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../rag/__fixtures__/${name}`, import.meta.url)));
const alice = { tenantId: 't', userId: 'alice' };
const bob = { tenantId: 't', userId: 'bob' };

async function collect(events: AsyncIterable<ChatEvent>) {
  const all: ChatEvent[] = [];
  for await (const e of events) all.push(e);
  return all;
}

describe('engine with a knowledge base', () => {
  it('answers offline with citations from the knowledge base', async () => {
    const knowledge = createKnowledgeBase({ store: createMemoryKnowledgeStore() });
    await knowledge.ingest(alice, { name: 'handbook.pdf', bytes: fixture('handbook.pdf') });
    await knowledge.ingest(alice, { name: 'travel-policy.docx', bytes: fixture('travel-policy.docx') });
    const store = createMemoryChatStore();
    const engine = createChatEngine({ models: { default: offline() }, store, knowledge });
    const events = await collect(engine.send({ owner: alice, content: 'How many weeks of parental leave?' }));
    const citations = events.filter((e) => e.type === 'citation');
    expect(citations[0]).toMatchObject({ index: 1, fileName: 'handbook.pdf', page: 2, locator: { page: 2 } });
    expect(citations[0]).toHaveProperty('passageId', expect.any(String));
    const text = events.map((e) => (e.type === 'text-delta' ? e.delta : '')).join('');
    expect(text.startsWith(OFFLINE_PREFIX)).toBe(true);
    expect(text).toMatch(
      /> Every employee is entitled to sixteen weeks of fully paid parental leave\.[^\n]* \[1\]\n\n\(handbook\.pdf, page 2\)/,
    );
    expect(events.at(-1)).toMatchObject({ type: 'message-end', status: 'complete' });

    const other = await collect(engine.send({ owner: bob, content: 'How many weeks of parental leave?' }));
    expect(other.filter((e) => e.type === 'citation')).toEqual([]);
    expect(other.map((e) => (e.type === 'text-delta' ? e.delta : '')).join('')).toBe(OFFLINE_NOTHING_FOUND);
  });

  it('stores the files sent with a message; a file the sender cannot read fails before anything is stored', async () => {
    const knowledge = createKnowledgeBase({ store: createMemoryKnowledgeStore() });
    const mine = await knowledge.ingest(alice, { name: 'handbook.pdf', bytes: fixture('handbook.pdf') });
    const theirs = await knowledge.ingest(bob, { name: 'travel-policy.docx', bytes: fixture('travel-policy.docx') });
    const store = createMemoryChatStore();
    const engine = createChatEngine({ models: { default: offline() }, store, knowledge });
    const events = await collect(
      engine.send({ owner: alice, content: 'Parental leave?', attachments: [mine.id, mine.id] }),
    );
    const conversationId = (events[0] as Extract<ChatEvent, { type: 'conversation' }>).conversation.id;
    const [question] = (await store.listMessages(alice, conversationId)) ?? [];
    expect(question?.attachments).toEqual([{ fileId: mine.id, name: 'handbook.pdf', sizeBytes: mine.sizeBytes }]);

    const refused = collect(
      engine.send({ owner: alice, conversationId, content: 'And travel?', attachments: [theirs.id] }),
    );
    await expect(refused).rejects.toMatchObject({ code: 'not_found' });
    expect(await store.listMessages(alice, conversationId)).toHaveLength(2);
  });

  it('an edited message keeps the files of the message it replaces, even once a file is deleted', async () => {
    const knowledge = createKnowledgeBase({ store: createMemoryKnowledgeStore() });
    const file = await knowledge.ingest(alice, { name: 'handbook.pdf', bytes: fixture('handbook.pdf') });
    const store = createMemoryChatStore();
    const engine = createChatEngine({ models: { default: offline() }, store, knowledge });
    const events = await collect(engine.send({ owner: alice, content: 'Parental leave?', attachments: [file.id] }));
    const started = events.find((e) => e.type === 'message-start') as Extract<ChatEvent, { type: 'message-start' }>;
    const conversationId = (events[0] as Extract<ChatEvent, { type: 'conversation' }>).conversation.id;
    await knowledge.deleteFile(alice, file.id);
    await collect(
      engine.edit({
        owner: alice,
        conversationId,
        messageId: started.userMessageId,
        content: 'How long is parental leave?',
      }),
    );
    const shown = (await engine.conversations.get(alice, conversationId))!.messages;
    expect(shown.map((m) => m.content)[0]).toBe('How long is parental leave?');
    expect(shown[0]?.attachments).toEqual([{ fileId: file.id, name: 'handbook.pdf', sizeBytes: file.sizeBytes }]);
  });

  it('gives other models the delimited context and the structured passages', async () => {
    const knowledge = createKnowledgeBase({ store: createMemoryKnowledgeStore() });
    await knowledge.ingest(alice, { name: 'travel-policy.docx', bytes: fixture('travel-policy.docx') });
    const seen: ChatModelRequest[] = [];
    const recorder: ChatModel = {
      specificationVersion: 'v1',
      provider: 'test',
      modelId: 'recorder',
      async *doStream(request) {
        seen.push(request);
        yield { type: 'text-delta', text: 'ok [1]' };
        yield { type: 'finish', finishReason: 'stop' };
      },
    };
    const engine = createChatEngine({
      models: { default: recorder },
      store: createMemoryChatStore(),
      systemPrompt: 'Be brief.',
      knowledge,
    });
    await collect(engine.send({ owner: alice, content: 'Daily allowance in Oslo?' }));
    expect(seen[0]!.system).toMatch(/^Be brief\.\n\nPassages from the knowledge base/);
    expect(seen[0]!.system).toContain('Oslo; Daily allowance: 61 EUR');
    expect(seen[0]!.context?.[0]).toMatchObject({ index: 1, fileName: 'travel-policy.docx' });
  });

  it('announces and stores only the passages the answer marks, with their numbers', async () => {
    const knowledge = createKnowledgeBase({ store: createMemoryKnowledgeStore() });
    await knowledge.ingest(alice, { name: 'handbook.pdf', bytes: fixture('handbook.pdf') });
    await knowledge.ingest(alice, { name: 'travel-policy.docx', bytes: fixture('travel-policy.docx') });
    const given: number[] = [];
    // Marks passage 2 (split across deltas, then again), a number no passage has, and never 1.
    const model: ChatModel = {
      specificationVersion: 'v1',
      provider: 'test',
      modelId: 'marker',
      async *doStream(request) {
        given.push(request.context?.length ?? 0);
        for (const text of ['Leave and travel', ' are covered [', '2]. See [2] and [9].']) {
          yield { type: 'text-delta', text };
        }
        yield { type: 'finish', finishReason: 'stop' };
      },
    };
    const store = createMemoryChatStore();
    const engine = createChatEngine({ models: { default: model }, store, knowledge });
    const events = await collect(engine.send({ owner: alice, content: 'parental leave and daily allowance' }));
    expect(given[0]).toBeGreaterThanOrEqual(2);
    const citations = events.filter((e) => e.type === 'citation');
    expect(citations).toHaveLength(1);
    expect(citations[0]).toMatchObject({ index: 2, passageId: expect.any(String), snippet: expect.any(String) });
    // Announced just before the delta that completes its marker.
    const at = events.indexOf(citations[0]!);
    expect(events[at + 1]).toMatchObject({ type: 'text-delta', delta: '2]. See [2] and [9].' });
    expect(events.slice(0, at).filter((e) => e.type === 'text-delta')).toHaveLength(2);

    const id = events.find((e) => e.type === 'conversation')!.conversation.id;
    const { type: _type, messageId, ...stored } = citations[0]!;
    const answer = await store.getMessage(alice, messageId);
    expect(answer?.citations).toEqual([stored]);
    const read = await engine.conversations.get(alice, id);
    expect(read?.messages.at(-1)?.citations).toEqual([stored]);
  });

  it('retrieves only while the conversation uses the knowledge base', async () => {
    const knowledge = createKnowledgeBase({ store: createMemoryKnowledgeStore() });
    await knowledge.ingest(alice, { name: 'travel-policy.docx', bytes: fixture('travel-policy.docx') });
    const seen: ChatModelRequest[] = [];
    const recorder: ChatModel = {
      specificationVersion: 'v1',
      provider: 'test',
      modelId: 'recorder',
      async *doStream(request) {
        seen.push(request);
        yield { type: 'text-delta', text: request.context ? 'ok [1]' : 'ok' };
        yield { type: 'finish', finishReason: 'stop' };
      },
    };
    const store = createMemoryChatStore();
    const engine = createChatEngine({ models: { default: recorder }, store, knowledge });
    const question = 'Daily allowance in Oslo?';

    const first = await collect(engine.send({ owner: alice, content: question, useKnowledge: false }));
    expect(first.filter((e) => e.type === 'citation')).toEqual([]);
    expect(seen[0]!.context).toBeUndefined();
    const id = first.find((e) => e.type === 'conversation')!.conversation.id;
    expect((await store.getConversation(alice, id))?.useKnowledge).toBe(false);

    // Omitted keeps the conversation's setting.
    await collect(engine.send({ owner: alice, conversationId: id, content: question }));
    expect(seen[1]!.context).toBeUndefined();

    // Given, it changes the setting for this and later turns.
    const on = await collect(engine.send({ owner: alice, conversationId: id, content: question, useKnowledge: true }));
    expect(on.some((e) => e.type === 'citation')).toBe(true);
    expect(seen[2]!.context?.[0]).toMatchObject({ fileName: 'travel-policy.docx' });
    expect((await store.getConversation(alice, id))?.useKnowledge).toBe(true);
  });

  it('sends no context and no citations, and says so, when the relevant file is gone', async () => {
    const knowledge = createKnowledgeBase({ store: createMemoryKnowledgeStore() });
    const licence = new TextEncoder().encode(
      'The person who associated a work with this deed has dedicated the work to the public domain by waiving all of his or her rights to the work worldwide under copyright law, including all related and neighboring rights, to the extent allowed by law.',
    );
    await knowledge.ingest(alice, { name: 'LICENSE', bytes: licence });
    const handbook = await knowledge.ingest(alice, { name: 'handbook.pdf', bytes: fixture('handbook.pdf') });
    await knowledge.deleteFile(alice, handbook.id);
    const question = 'How many weeks of parental leave do I get for the work on the operator?';

    const engine = createChatEngine({ models: { default: offline() }, store: createMemoryChatStore(), knowledge });
    const events = await collect(engine.send({ owner: alice, content: question }));
    expect(events.filter((e) => e.type === 'citation')).toEqual([]);
    expect(events.map((e) => (e.type === 'text-delta' ? e.delta : '')).join('')).toBe(OFFLINE_NOTHING_FOUND);

    const seen: ChatModelRequest[] = [];
    const recorder: ChatModel = {
      specificationVersion: 'v1',
      provider: 'test',
      modelId: 'recorder',
      async *doStream(request) {
        seen.push(request);
        yield { type: 'text-delta', text: 'Nothing relevant was found.' };
        yield { type: 'finish', finishReason: 'stop' };
      },
    };
    const withModel = createChatEngine({
      models: { default: recorder },
      store: createMemoryChatStore(),
      systemPrompt: 'Be brief.',
      knowledge,
    });
    const answered = await collect(withModel.send({ owner: alice, content: question }));
    expect(answered.filter((e) => e.type === 'citation')).toEqual([]);
    expect(seen[0]!.system).toBe(`Be brief.\n\n${NOTHING_RELEVANT_PROMPT}`);
    expect(seen[0]!.context).toBeUndefined();
  });
});
