import { describe, expect, it } from 'vitest';
import { conversationToJson, conversationToMarkdown, exportOwnerData } from './export-conversation.js';
import { createMemoryChatStore } from './memory-chat-store.js';

const alice = { tenantId: 't', userId: 'alice' };

describe('conversation export', () => {
  it('writes the shown branch as Markdown and every message as JSON, with the names of attached files', async () => {
    const store = createMemoryChatStore();
    const c = await store.createConversation(alice, { title: 'Plans\nfor Q3' });
    const u = await store.appendMessage(alice, {
      conversationId: c.id,
      parentId: null,
      role: 'user',
      content: 'Hi *there*',
      status: 'complete',
      attachments: [
        { fileId: 'f1', name: 'handbook.pdf', sizeBytes: 10 },
        { fileId: 'f2', name: 'notes.txt', sizeBytes: 2 },
      ],
    });
    const base = { conversationId: c.id, parentId: u!.id, role: 'assistant' as const, model: 'default' };
    const first = await store.appendMessage(alice, { ...base, content: 'First answer', status: 'complete' });
    await store.appendMessage(alice, { ...base, content: 'Second answer', status: 'interrupted' });
    const conversation = (await store.getConversation(alice, c.id))!;
    const messages = (await store.listMessages(alice, c.id))!;

    const md = conversationToMarkdown(conversation, messages);
    expect(md).toContain('# Plans for Q3\n');
    expect(md).toContain('## You\n\nHi *there*\n\nAttachments: handbook.pdf, notes.txt\n');
    expect(md).toContain('## Assistant (default) — interrupted\n\nSecond answer\n');
    expect(md).not.toContain('First answer');
    await store.setActiveLeaf(alice, c.id, first!.id);
    expect(conversationToMarkdown((await store.getConversation(alice, c.id))!, messages)).toContain('First answer');

    const json = conversationToJson(conversation, messages);
    expect(json).toMatchObject({ format: 'company-chat.conversation.v1', conversation: { id: c.id } });
    expect(json.messages).toHaveLength(3);
    expect(json.messages[0]?.attachments.map((a) => a.name)).toEqual(['handbook.pdf', 'notes.txt']);
  });

  it("exports all of an owner's conversations, archived ones too, and nobody else's", async () => {
    const store = createMemoryChatStore();
    const a = await store.createConversation(alice, { title: 'a' });
    await store.appendMessage(alice, {
      conversationId: a.id,
      parentId: null,
      role: 'user',
      content: 'x',
      status: 'complete',
    });
    const b = await store.createConversation(alice, { title: 'b' });
    await store.updateConversation(alice, b.id, { archived: true });
    await store.createConversation({ tenantId: 't', userId: 'bob' }, { title: 'bob' });
    const data = await exportOwnerData(store, alice);
    expect(data.format).toBe('company-chat.export.v1');
    expect(data.conversations.map((x) => [x.conversation.title, x.messages.length]).sort()).toEqual([
      ['a', 1],
      ['b', 0],
    ]);
  });
});
