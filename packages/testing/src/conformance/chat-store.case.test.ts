import type { ChatStore, Owner } from '@company-chat/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** Creates a fresh, empty store; `cleanup` runs after each test (drop schema, close pools). */
export type ChatStoreFactory = () => Promise<{ store: ChatStore; cleanup?: () => Promise<void> }>;

const alice: Owner = { tenantId: 't1', userId: 'alice' };
const bob: Owner = { tenantId: 't1', userId: 'bob' };
const aliceElsewhere: Owner = { tenantId: 't2', userId: 'alice' };

/**
 * The conformance suite every ChatStore passes (memory, PGlite, PostgreSQL), in the manner of hono's
 * router tests: one set of behaviours, many implementations.
 */
export function runChatStoreConformance(name: string, factory: ChatStoreFactory): void {
  describe(`ChatStore conformance: ${name}`, () => {
    let store: ChatStore;
    let cleanup: (() => Promise<void>) | undefined;

    beforeEach(async () => {
      ({ store, cleanup } = await factory());
    });
    afterEach(async () => {
      await store.close();
      await cleanup?.();
    });

    it('creates and reads a conversation', async () => {
      const c = await store.createConversation(alice, { title: 'Hello', model: 'default' });
      expect(c).toMatchObject({ title: 'Hello', model: 'default', userId: 'alice', tenantId: 't1', pinned: false });
      expect(c.createdAt).toBeInstanceOf(Date);
      expect(await store.getConversation(alice, c.id)).toEqual(c);
    });

    it('keeps the per-conversation knowledge switch (default on)', async () => {
      const on = await store.createConversation(alice, { title: 'a' });
      expect(on.useKnowledge).toBe(true);
      const off = await store.createConversation(alice, { title: 'b', useKnowledge: false });
      expect((await store.getConversation(alice, off.id))?.useKnowledge).toBe(false);
      expect((await store.updateConversation(alice, on.id, { useKnowledge: false }))?.useKnowledge).toBe(false);
      // Other patches leave it alone.
      expect((await store.updateConversation(alice, on.id, { title: 'c' }))?.useKnowledge).toBe(false);
      expect((await store.updateConversation(alice, off.id, { useKnowledge: true }))?.useKnowledge).toBe(true);
      expect((await store.listConversations(alice)).items.map((c) => c.useKnowledge)).toEqual([true, false]);
    });

    it('hides a conversation from other users and other tenants', async () => {
      const c = await store.createConversation(alice, { title: 'secret' });
      for (const other of [bob, aliceElsewhere]) {
        expect(await store.getConversation(other, c.id)).toBeNull();
        expect(await store.updateConversation(other, c.id, { title: 'x' })).toBeNull();
        expect(await store.deleteConversation(other, c.id)).toBe(false);
        expect(await store.listMessages(other, c.id)).toBeNull();
        expect(await store.appendMessage(other, msg(c.id, 'x'))).toBeNull();
        expect((await store.listConversations(other)).items).toEqual([]);
      }
      expect((await store.getConversation(alice, c.id))?.title).toBe('secret');
    });

    it('answers null, not an error, for ids that do not exist or are malformed', async () => {
      expect(await store.getConversation(alice, '00000000-0000-4000-8000-000000000000')).toBeNull();
      expect(await store.getConversation(alice, 'not-a-uuid')).toBeNull();
      expect(await store.updateMessage(alice, 'not-a-uuid', { content: 'x' })).toBeNull();
      expect(await store.listMessages(alice, "'; drop table messages; --")).toBeNull();
    });

    it('appends messages in order and bumps the conversation', async () => {
      const c = await store.createConversation(alice, { title: 't' });
      const u = await store.appendMessage(alice, { ...msg(c.id, 'hi'), clientMessageId: 'cm-1' });
      const a = await store.appendMessage(alice, {
        conversationId: c.id,
        parentId: u!.id,
        role: 'assistant',
        content: '',
        status: 'streaming',
        model: 'default',
      });
      const list = await store.listMessages(alice, c.id);
      expect(list?.map((m) => [m.role, m.content, m.status])).toEqual([
        ['user', 'hi', 'complete'],
        ['assistant', '', 'streaming'],
      ]);
      expect(list?.[0]?.clientMessageId).toBe('cm-1');
      expect(list?.[1]?.parentId).toBe(u!.id);
      const after = await store.getConversation(alice, c.id);
      expect(after!.updatedAt.getTime()).toBeGreaterThanOrEqual(c.updatedAt.getTime());
      expect(a!.model).toBe('default');
    });

    it('keeps the files sent with a user message, in the first message and later ones', async () => {
      const sent = [
        { fileId: 'f1', name: 'leave policy.pdf', sizeBytes: 2048 },
        { fileId: 'f2', name: 'נהלים.txt', sizeBytes: 12 },
      ];
      const { conversation, message } = await store.startConversation(
        alice,
        { title: 'Files' },
        { content: 'Read these', attachments: sent },
      );
      expect(message.attachments).toEqual(sent);
      const answer = await store.appendMessage(alice, {
        conversationId: conversation.id,
        parentId: message.id,
        role: 'assistant',
        content: '',
        status: 'streaming',
      });
      expect(answer?.attachments).toEqual([]);
      const later = await store.appendMessage(alice, {
        conversationId: conversation.id,
        parentId: answer!.id,
        role: 'user',
        content: 'And this one',
        status: 'complete',
        attachments: [{ fileId: 'f3', name: 'a\u0000b.md', sizeBytes: 1 }],
      });
      expect(later?.attachments.map((a) => a.fileId)).toEqual(['f3']);
      const listed = await store.listMessages(alice, conversation.id);
      expect(listed?.map((m) => m.attachments.map((a) => a.name))).toEqual([
        ['leave policy.pdf', 'נהלים.txt'],
        [],
        // SQL stores drop NUL (Postgres cannot store it); memory keeps it.
        [expect.toSatisfy((name: string) => name.replace('\u0000', '') === 'ab.md')],
      ]);
    });

    it('checkpoints and finalises an assistant message', async () => {
      const c = await store.createConversation(alice, { title: 't' });
      const a = await store.appendMessage(alice, { ...msg(c.id, ''), role: 'assistant', status: 'streaming' });
      await store.updateMessage(alice, a!.id, { content: 'Hel' });
      const done = await store.updateMessage(alice, a!.id, {
        content: 'Hello',
        status: 'complete',
        provider: 'openai',
        providerModel: 'gpt-x',
        usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 },
        finishReason: 'stop',
        timeToFirstTokenMs: 12,
        durationMs: 40,
      });
      expect(done).toMatchObject({ content: 'Hello', status: 'complete', finishReason: 'stop', durationMs: 40 });
      const [row] = (await store.listMessages(alice, c.id))!;
      expect(row).toMatchObject({
        content: 'Hello',
        usage: { inputTokens: 3, outputTokens: 2, totalTokens: 5 },
        provider: 'openai',
        providerModel: 'gpt-x',
        timeToFirstTokenMs: 12,
      });
      expect(await store.updateMessage(bob, a!.id, { content: 'hijack' })).toBeNull();
      expect((await store.listMessages(alice, c.id))![0]!.content).toBe('Hello');
    });

    it('stores an error and keeps text with unicode intact', async () => {
      const c = await store.createConversation(alice, { title: 'ünïcödé 🎉' });
      const a = await store.appendMessage(alice, { ...msg(c.id, ''), role: 'assistant', status: 'streaming' });
      await store.updateMessage(alice, a!.id, {
        content: 'partial 日本語 \u0000?'.replace('\u0000', ''),
        status: 'error',
        error: { code: 'overloaded', message: 'Provider overloaded' },
      });
      const [row] = (await store.listMessages(alice, c.id))!;
      expect(row).toMatchObject({ status: 'error', error: { code: 'overloaded' }, content: 'partial 日本語 ?' });
      expect((await store.getConversation(alice, c.id))!.title).toBe('ünïcödé 🎉');
    });

    it('lists by most recent activity with cursor pagination', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 7; i++) ids.push((await store.createConversation(alice, { title: `c${i}` })).id);
      // Activity on the oldest moves it to the top.
      await store.appendMessage(alice, msg(ids[0]!, 'bump'));
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await store.listConversations(alice, { limit: 3, cursor });
        expect(page.items.length).toBeLessThanOrEqual(3);
        seen.push(...page.items.map((c) => c.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual([ids[0], ids[6], ids[5], ids[4], ids[3], ids[2], ids[1]]);
    });

    it('rejects a malformed cursor with invalid_request', async () => {
      await expect(store.listConversations(alice, { cursor: '%%%' })).rejects.toMatchObject({
        code: 'invalid_request',
      });
    });

    it('renames, pins and archives', async () => {
      const c = await store.createConversation(alice, { title: 'old' });
      const u = await store.updateConversation(alice, c.id, { title: 'new', pinned: true, archived: true });
      expect(u).toMatchObject({ title: 'new', pinned: true, archived: true });
    });

    it('deletes a conversation with its messages', async () => {
      const c = await store.createConversation(alice, { title: 't' });
      const m = await store.appendMessage(alice, msg(c.id, 'x'));
      expect(await store.deleteConversation(alice, c.id)).toBe(true);
      expect(await store.getConversation(alice, c.id)).toBeNull();
      expect(await store.listMessages(alice, c.id)).toBeNull();
      expect(await store.updateMessage(alice, m!.id, { content: 'y' })).toBeNull();
      expect(await store.deleteConversation(alice, c.id)).toBe(false);
      expect((await store.listConversations(alice)).items).toEqual([]);
    });

    it('marks streaming messages interrupted on recovery', async () => {
      const c = await store.createConversation(alice, { title: 't' });
      const a = await store.appendMessage(alice, { ...msg(c.id, 'part'), role: 'assistant', status: 'streaming' });
      expect(await store.recoverInterrupted()).toBe(1);
      const [row] = (await store.listMessages(alice, c.id))!;
      expect(row).toMatchObject({ id: a!.id, status: 'interrupted', content: 'part' });
      expect(await store.recoverInterrupted()).toBe(0);
    });

    it('searches titles and message text by word prefix, only within the owner', async () => {
      const budget = await store.createConversation(alice, { title: 'Quarterly budget review' });
      const trip = await store.createConversation(alice, { title: 'Trip' });
      await store.appendMessage(alice, msg(trip.id, 'Book the hotel in Zürich for the offsite'));
      await store.createConversation(alice, { title: 'Unrelated' });
      const bobs = await store.createConversation(bob, { title: 'Budget of Bob' });
      await store.appendMessage(bob, msg(bobs.id, 'hotel zürich'));
      const ids = async (owner: Owner, query: string) =>
        (await store.listConversations(owner, { query })).items.map((c) => c.id);
      expect(await ids(alice, 'budget')).toEqual([budget.id]);
      expect(await ids(alice, 'QUART rev')).toEqual([budget.id]);
      expect(await ids(alice, 'hot zür')).toEqual([trip.id]);
      expect(await ids(alice, 'hotel budget')).toEqual([]);
      expect(await ids(alice, "'; drop table --")).toEqual([]);
      expect(await ids(bob, 'budget')).toEqual([bobs.id]);
      expect((await store.listConversations(alice, { query: '  ' })).items).toHaveLength(3);
    });

    it('hides archived conversations unless asked', async () => {
      const a = await store.createConversation(alice, { title: 'kept' });
      const b = await store.createConversation(alice, { title: 'old stuff' });
      await store.updateConversation(alice, b.id, { archived: true });
      const ids = async (archived?: 'exclude' | 'include' | 'only') =>
        (await store.listConversations(alice, archived ? { archived } : {})).items.map((c) => c.id);
      expect(await ids()).toEqual([a.id]);
      expect(await ids('only')).toEqual([b.id]);
      expect(await ids('include')).toEqual([b.id, a.id]);
      expect((await store.listConversations(alice, { query: 'old', archived: 'include' })).items).toHaveLength(1);
    });

    it('tracks the active leaf and switches branches within the conversation only', async () => {
      const c = await store.createConversation(alice, { title: 't' });
      expect(c.activeLeafId).toBeNull();
      const u = await store.appendMessage(alice, msg(c.id, 'q'));
      const a1 = await store.appendMessage(alice, { ...msg(c.id, 'one'), role: 'assistant', parentId: u!.id });
      expect((await store.getConversation(alice, c.id))!.activeLeafId).toBe(a1!.id);
      const a2 = await store.appendMessage(alice, { ...msg(c.id, 'two'), role: 'assistant', parentId: u!.id });
      expect((await store.getConversation(alice, c.id))!.activeLeafId).toBe(a2!.id);
      expect((await store.setActiveLeaf(alice, c.id, a1!.id))?.activeLeafId).toBe(a1!.id);
      expect((await store.getConversation(alice, c.id))!.activeLeafId).toBe(a1!.id);
      const other = await store.createConversation(alice, { title: 'other' });
      const foreign = await store.appendMessage(alice, msg(other.id, 'x'));
      expect(await store.setActiveLeaf(alice, c.id, foreign!.id)).toBeNull();
      expect(await store.setActiveLeaf(bob, c.id, a2!.id)).toBeNull();
      expect(await store.setActiveLeaf(alice, c.id, 'nope')).toBeNull();
      expect((await store.getConversation(alice, c.id))!.activeLeafId).toBe(a1!.id);
    });

    it('reads single messages and finds them by client message id, per owner', async () => {
      const c = await store.createConversation(alice, { title: 't' });
      const u = await store.appendMessage(alice, { ...msg(c.id, 'hi'), clientMessageId: 'client-1' });
      expect(await store.getMessage(alice, u!.id)).toEqual(u);
      expect(await store.getMessage(bob, u!.id)).toBeNull();
      expect(await store.getMessage(alice, 'garbage')).toBeNull();
      expect((await store.findMessageByClientId(alice, 'client-1'))?.id).toBe(u!.id);
      expect(await store.findMessageByClientId(bob, 'client-1')).toBeNull();
      expect(await store.findMessageByClientId(alice, 'client-2')).toBeNull();
    });

    it('refuses a second message with the same client message id without duplicating it', async () => {
      const c = await store.createConversation(alice, { title: 't' });
      await store.appendMessage(alice, { ...msg(c.id, 'hi'), clientMessageId: 'dup' });
      await expect(store.appendMessage(alice, { ...msg(c.id, 'hi'), clientMessageId: 'dup' })).rejects.toMatchObject({
        code: 'conversation_busy',
      });
      expect(await store.listMessages(alice, c.id)).toHaveLength(1);
      const b = await store.createConversation(bob, { title: 't' });
      expect(await store.appendMessage(bob, { ...msg(b.id, 'hi'), clientMessageId: 'dup' })).not.toBeNull();
    });

    it('locks a conversation for one sender at a time', async () => {
      const c = await store.createConversation(alice, { title: 't' });
      expect(await store.lockConversation(alice, c.id, 'one', 60_000)).toBe(true);
      expect(await store.lockConversation(alice, c.id, 'two', 60_000)).toBe(false);
      expect(await store.lockConversation(alice, c.id, 'one', 60_000)).toBe(true);
      expect(await store.lockConversation(bob, c.id, 'three', 60_000)).toBeNull();
      expect(await store.lockConversation(alice, 'not-a-uuid', 'x', 60_000)).toBeNull();
      await store.unlockConversation(alice, c.id, 'two');
      expect(await store.lockConversation(alice, c.id, 'two', 60_000)).toBe(false);
      await store.unlockConversation(alice, c.id, 'one');
      expect(await store.lockConversation(alice, c.id, 'two', 1)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await store.lockConversation(alice, c.id, 'three', 60_000)).toBe(true);
    });

    it('releases the lock of a conversation whose answer was interrupted', async () => {
      const c = await store.createConversation(alice, { title: 't' });
      await store.appendMessage(alice, { ...msg(c.id, ''), role: 'assistant', status: 'streaming' });
      expect(await store.lockConversation(alice, c.id, 'crashed', 600_000)).toBe(true);
      expect(await store.recoverInterrupted({ staleAfterMs: 3_600_000 })).toBe(0);
      expect(await store.recoverInterrupted()).toBe(1);
      expect(await store.lockConversation(alice, c.id, 'next', 60_000)).toBe(true);
    });

    it('starts a conversation with its first message, once per client message id, even under 20 concurrent retries', async () => {
      const { conversation, message } = await store.startConversation(
        alice,
        { title: 'First', model: 'default' },
        { content: 'hello', clientMessageId: 'first-1' },
      );
      expect(conversation).toMatchObject({ title: 'First', model: 'default', activeLeafId: message.id });
      expect(message).toMatchObject({ role: 'user', content: 'hello', status: 'complete', parentId: null });
      expect(await store.listMessages(alice, conversation.id)).toEqual([message]);

      const retries = await Promise.allSettled(
        Array.from({ length: 20 }, () =>
          store.startConversation(alice, { title: 'Again' }, { content: 'again', clientMessageId: 'first-2' }),
        ),
      );
      expect(retries.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of retries)
        if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'conversation_busy' });
      await expect(
        store.startConversation(alice, { title: 'Dup' }, { content: 'x', clientMessageId: 'first-1' }),
      ).rejects.toMatchObject({ code: 'conversation_busy' });
      // No empty conversation was left behind by the refused ones.
      const titles = (await store.listConversations(alice)).items.map((c) => c.title);
      expect(titles).toEqual(['Again', 'First']);
      // Another owner may use the same client message id.
      expect(
        (await store.startConversation(bob, { title: 'b' }, { content: 'x', clientMessageId: 'first-1' })).message,
      ).toBeTruthy();
    });

    it('sweeps answers whose lock expired and frees the lock, leaving live answers alone', async () => {
      const live = await store.createConversation(alice, { title: 'live' });
      const dead = await store.createConversation(alice, { title: 'dead' });
      const unlocked = await store.createConversation(bob, { title: 'never locked' });
      const streaming = (conversationId: string, owner: Owner = alice) =>
        store.appendMessage(owner, { ...msg(conversationId, 'part'), role: 'assistant', status: 'streaming' });
      expect(await store.lockConversation(alice, live.id, 'live-owner', 600_000)).toBe(true);
      expect(await store.lockConversation(alice, dead.id, 'dead-owner', 1)).toBe(true);
      const liveAnswer = await streaming(live.id);
      const deadAnswer = await streaming(dead.id);
      const orphan = await streaming(unlocked.id, bob);

      // The 1 ms lock expires on the store's clock; poll the sweep until it has seen both abandoned answers.
      let swept = 0;
      await vi.waitFor(
        async () => {
          swept += await store.recoverAbandoned();
          expect(swept).toBe(2);
        },
        { timeout: 10_000, interval: 20 },
      );
      expect((await store.getMessage(alice, deadAnswer!.id))?.status).toBe('interrupted');
      expect((await store.getMessage(bob, orphan!.id))?.status).toBe('interrupted');
      expect(await store.getMessage(alice, liveAnswer!.id)).toMatchObject({ status: 'streaming', content: 'part' });
      expect(await store.lockConversation(alice, dead.id, 'next', 60_000)).toBe(true);
      expect(await store.lockConversation(alice, live.id, 'intruder', 60_000)).toBe(false);
      expect(await store.recoverAbandoned()).toBe(0);

      // Renewing keeps a lease alive; once the owner releases it, nothing is left streaming under it.
      expect(await store.lockConversation(alice, live.id, 'live-owner', 600_000)).toBe(true);
      await store.updateMessage(alice, liveAnswer!.id, { content: 'part and the rest', status: 'complete' });
      await store.unlockConversation(alice, live.id, 'live-owner');
      expect(await store.recoverAbandoned()).toBe(0);
      expect((await store.getMessage(alice, liveAnswer!.id))?.status).toBe('complete');
    });

    it('stores the citations of an answer with it', async () => {
      const c = await store.createConversation(alice, { title: 't' });
      const q = await store.appendMessage(alice, msg(c.id, 'what is the policy?'));
      const a = await store.appendMessage(alice, reply(c.id, q!.id, '', 'streaming'));
      expect(q!.citations).toEqual([]);
      expect(a!.citations).toEqual([]);
      const citations = [
        { index: 1, fileId: 'f1', fileName: 'policy.pdf', page: 3, passageId: 'p1', snippet: 'Leave is 25 days.' },
        { index: 3, fileId: 'f2', fileName: 'handbook.md', section: 'Travel › Trains', snippet: 'Second class.' },
      ];
      await store.updateMessage(alice, a!.id, { content: 'Leave [1], trains [3]', status: 'streaming', citations });
      // A write without citations leaves them as they are.
      await store.updateMessage(alice, a!.id, { content: 'Leave [1], trains [3].', status: 'complete' });
      expect((await store.getMessage(alice, a!.id))?.citations).toEqual(citations);
      expect((await store.listMessages(alice, c.id))?.[1]?.citations).toEqual(citations);
      expect(await store.updateMessage(bob, a!.id, { citations: [] })).toBeNull();
      expect((await store.getMessage(alice, a!.id))?.citations).toEqual(citations);
    });

    it('keeps one rating per answer, for its owner only', async () => {
      const c = await store.createConversation(alice, { title: 't' });
      const q = await store.appendMessage(alice, msg(c.id, 'q'));
      const a = await store.appendMessage(alice, reply(c.id, q!.id, 'answer', 'complete'));
      const other = await store.createConversation(alice, { title: 'other' });
      const before = (await store.getConversation(alice, c.id))!.updatedAt;
      expect(a!.feedback).toBeNull();

      const rated = await store.setFeedback(alice, c.id, a!.id, { rating: 'down', comment: 'Out of date.' });
      expect(rated?.feedback).toMatchObject({ rating: 'down', comment: 'Out of date.' });
      expect(rated?.feedback?.at).toBeInstanceOf(Date);
      // Rating again replaces it; an empty comment is no comment.
      await store.setFeedback(alice, c.id, a!.id, { rating: 'up', comment: '' });
      const [, answer] = (await store.listMessages(alice, c.id))!;
      expect(answer?.feedback).toMatchObject({ rating: 'up', comment: null });
      // Rating does not make an old conversation the most recent one.
      expect((await store.getConversation(alice, c.id))!.updatedAt).toEqual(before);

      // Not the owner's, not in that conversation, not an answer, not an id: nothing changes.
      for (const owner of [bob, aliceElsewhere]) {
        expect(await store.setFeedback(owner, c.id, a!.id, { rating: 'down' })).toBeNull();
      }
      expect(await store.setFeedback(alice, other.id, a!.id, { rating: 'down' })).toBeNull();
      expect(await store.setFeedback(alice, c.id, q!.id, { rating: 'down' })).toBeNull();
      expect(await store.setFeedback(alice, c.id, 'not-an-id', { rating: 'down' })).toBeNull();
      expect((await store.getMessage(alice, a!.id))?.feedback?.rating).toBe('up');
      expect((await store.getMessage(alice, q!.id))?.feedback).toBeNull();

      // Reports read feedback within one tenant only.
      const records = await store.listFeedback('t1', [a!.id, q!.id, 'not-an-id', a!.id]);
      expect(records).toEqual([
        { messageId: a!.id, conversationId: c.id, userId: 'alice', rating: 'up', comment: null, at: expect.any(Date) },
      ]);
      expect(await store.listFeedback('t2', [a!.id])).toEqual([]);
      expect(await store.listFeedback('t1', [])).toEqual([]);
    });

    it('answers a ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it("erases everything an owner has, and nothing of anyone else's", async () => {
      const a1 = await store.createConversation(alice, { title: 'a1' });
      await store.appendMessage(alice, msg(a1.id, 'x'));
      await store.createConversation(alice, { title: 'a2' });
      const b1 = await store.createConversation(bob, { title: 'b1' });
      const e1 = await store.createConversation(aliceElsewhere, { title: 'e1' });
      expect(await store.deleteOwnerData(alice)).toEqual({ conversations: 2 });
      expect((await store.listConversations(alice, { archived: 'include' })).items).toEqual([]);
      expect(await store.getConversation(alice, a1.id)).toBeNull();
      expect(await store.getConversation(bob, b1.id)).not.toBeNull();
      expect(await store.getConversation(aliceElsewhere, e1.id)).not.toBeNull();
    });

    it('returns copies: mutating a result does not change the store', async () => {
      const c = await store.createConversation(alice, { title: 't' });
      c.title = 'mutated';
      const list = await store.listMessages(alice, c.id);
      list?.push({} as never);
      expect((await store.getConversation(alice, c.id))!.title).toBe('t');
      expect(await store.listMessages(alice, c.id)).toEqual([]);
    });
  });
}

function msg(conversationId: string, content: string) {
  return { conversationId, parentId: null, role: 'user' as const, content, status: 'complete' as const };
}

function reply(conversationId: string, parentId: string, content: string, status: 'streaming' | 'complete') {
  return { conversationId, parentId, role: 'assistant' as const, content, status };
}
