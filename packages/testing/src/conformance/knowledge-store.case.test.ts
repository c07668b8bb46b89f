import {
  type BlobStore,
  CompanyChatError,
  createKnowledgeBase,
  createMemoryBlobStore,
  type KnowledgeBase,
  type KnowledgeStore,
} from '@company-chat/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conceptEmbedder } from '../rag/concept-embedder.js';
import { documentFixture as fixture } from '../rag/document-fixture.js';

/** What a conformance run needs: a fresh store (with vector support of {@link conceptEmbedder}'s size when it can). */
export type KnowledgeStoreFactory = () => Promise<{
  store: KnowledgeStore;
  cleanup?: () => Promise<void>;
  /** Creates a conversation of `owner` where the store keeps conversations (SQL: a foreign key), returning its id. */
  createConversation?: (owner: { tenantId: string; userId: string }) => Promise<string>;
  /** Where originals are kept beside this store (default: memory). */
  blobs?: BlobStore;
}>;

/** `[from, to]` such that the fixture's line holding `text` lies within: what a chunk's locator must cover. */
const linesOf = (name: string, text: string) => {
  const line =
    new TextDecoder()
      .decode(fixture(name))
      .split('\n')
      .findIndex((l) => l.includes(text)) + 1;
  return [expect.toSatisfy((from: number) => from >= 1 && from <= line), expect.toSatisfy((to: number) => to >= line)];
};
const alice = { tenantId: 'acme', userId: 'alice' };
const bob = { tenantId: 'acme', userId: 'bob' };
const mallory = { tenantId: 'evil-corp', userId: 'alice' };
const silent = { info() {}, warn() {}, error() {} };

/**
 * The conformance suite every {@link KnowledgeStore} passes: ingestion of every sample type with correct
 * citations, scope enforcement (private, per conversation, shared, tenants), deletion and hybrid search.
 */
export function runKnowledgeStoreConformance(name: string, factory: KnowledgeStoreFactory): void {
  describe(`KnowledgeStore conformance: ${name}`, () => {
    let store: KnowledgeStore;
    let cleanup: (() => Promise<void>) | undefined;
    let createConversation: (owner: { tenantId: string; userId: string }) => Promise<string>;
    let kb: KnowledgeBase;
    let blobs: BlobStore;
    beforeEach(async () => {
      const made = await factory();
      ({ store, cleanup } = made);
      createConversation = made.createConversation ?? (async () => crypto.randomUUID());
      blobs = made.blobs ?? createMemoryBlobStore();
      kb = createKnowledgeBase({ store, logger: silent, blobs });
    });
    afterEach(async () => {
      await store.close?.();
      await cleanup?.();
    });

    const cases: Array<[file: string, question: string, expected: RegExp, where: Record<string, unknown>]> = [
      ['handbook.pdf', 'How many weeks of parental leave?', /sixteen weeks/, { page: 2, locator: { page: 2 } }],
      [
        'travel-policy.docx',
        'What is the daily allowance in Oslo?',
        /Oslo; Daily allowance: 61 EUR/,
        { headingPath: ['Travel policy', 'Daily allowances'] },
      ],
      [
        'offices.csv',
        'reception phone of the Lisbon office',
        /Lisbon.*\+351 21 7654321/,
        { rowStart: 1, rowEnd: 4, locator: { rows: [1, 4] }, snippet: expect.stringMatching(/^Office: Lisbon/) },
      ],
      ['benefits.json', 'gym monthly subsidy', /benefits\.gym\.monthlySubsidy: 30/, {}],
      [
        'onboarding.md',
        'Who is my buddy?',
        /buddy from another team/,
        {
          headingPath: ['Onboarding guide', 'First week', 'Buddy programme'],
          locator: {
            heading: ['Onboarding guide', 'First week', 'Buddy programme'],
            lines: linesOf('onboarding.md', 'buddy from another team'),
          },
        },
      ],
      ['intranet.html', 'When does the canteen open?', /11:30/, {}],
      ['notes.txt', 'Which printer needs a badge?', /Magenta/, { locator: { lines: [1, 5] } }],
    ];
    for (const [file, question, expected, where] of cases) {
      it(`answers a question about ${file} with the right citation`, async () => {
        await kb.ingest(alice, {
          name: 'distractor.md',
          bytes: new TextEncoder().encode('# Other\n\nNothing to see about offices or weeks here.'),
        });
        const ingested = await kb.ingest(alice, { name: file, bytes: fixture(file) });
        expect(ingested).toMatchObject({ status: 'ready', stage: 'indexed', name: file });
        const [top] = await kb.retrieve(alice, question);
        expect(top).toMatchObject({ index: 1, fileId: ingested.id, fileName: file, ...where });
        expect(top!.text).toMatch(expected);
        expect(top!.snippet.length).toBeGreaterThan(0);
      });
    }

    it("never lets user B retrieve user A's private chunks, even with a crafted file id", async () => {
      const file = await kb.ingest(alice, { name: 'handbook.pdf', bytes: fixture('handbook.pdf') });
      expect(await kb.retrieve(alice, 'parental leave')).not.toHaveLength(0);
      expect(await kb.retrieve(bob, 'parental leave sixteen weeks')).toEqual([]);
      expect(await kb.retrieve(bob, 'parental leave', { fileIds: [file.id] })).toEqual([]);
      expect(await kb.retrieve(mallory, 'parental leave', { fileIds: [file.id] })).toEqual([]);
      expect(await kb.getFile(bob, file.id)).toBeNull();
      expect(await kb.getFile(mallory, file.id)).toBeNull();
      expect(await kb.listFiles(bob)).toEqual([]);
      expect(await kb.deleteFile(bob, file.id)).toBe(false);
      expect(await kb.deleteFile(bob, 'not-a-uuid')).toBe(false);
      expect(await kb.getFile(alice, file.id)).toMatchObject({ id: file.id });
    });

    it('limits a file attached to a conversation to that conversation', async () => {
      const conversationId = await createConversation(alice);
      const kbNoChats = createKnowledgeBase({ store, logger: silent });
      const file = await kbNoChats.ingest(alice, {
        name: 'notes.txt',
        bytes: fixture('notes.txt'),
        scope: { type: 'private', conversationId },
      });
      expect(await kb.retrieve(alice, 'printer Magenta', { conversationId })).toHaveLength(1);
      expect(await kb.retrieve(alice, 'printer Magenta')).toEqual([]);
      expect(await kb.retrieve(alice, 'printer Magenta', { conversationId: crypto.randomUUID() })).toEqual([]);
      expect(await kb.retrieve(bob, 'printer Magenta', { conversationId })).toEqual([]);
      expect((await kb.listFiles(alice)).map((f) => f.id)).toEqual([file.id]);
    });

    it('checks that an attached conversation belongs to the uploader', async () => {
      const kbWithChats = createKnowledgeBase({
        store,
        logger: silent,
        chatStore: { getConversation: async () => null },
      });
      const error = await kbWithChats
        .ingest(alice, {
          name: 'n.txt',
          bytes: fixture('notes.txt'),
          scope: { type: 'private', conversationId: crypto.randomUUID() },
        })
        .catch((e: unknown) => e);
      expect(CompanyChatError.isInstance(error) && error.code).toBe('not_found');
    });

    it("shares a collection with the tenant's users only, managed by admins", async () => {
      const scope = { type: 'shared', collection: 'handbook' } as const;
      const denied = await kb
        .ingest(alice, { name: 'h.pdf', bytes: fixture('handbook.pdf'), scope })
        .catch((e: unknown) => e);
      expect(CompanyChatError.isInstance(denied) && denied.statusCode).toBe(403);
      const file = await kb.ingest(
        alice,
        { name: 'h.pdf', bytes: fixture('handbook.pdf'), scope },
        { manageShared: true },
      );
      expect((await kb.retrieve(bob, 'full disk encryption'))[0]).toMatchObject({ fileId: file.id, page: 3 });
      expect(await kb.getFile(bob, file.id)).toMatchObject({ scope });
      expect(await kb.retrieve(mallory, 'full disk encryption')).toEqual([]);
      expect(await kb.getFile(mallory, file.id)).toBeNull();
      expect(await kb.deleteFile(bob, file.id)).toBe(false);
      expect(await kb.deleteFile(mallory, file.id, { manageShared: true })).toBe(false);
      expect(await kb.deleteFile(bob, file.id, { manageShared: true })).toBe(true);
      expect(await kb.retrieve(alice, 'full disk encryption')).toEqual([]);
    });

    it('deletes a file with its chunks', async () => {
      const file = await kb.ingest(alice, { name: 'offices.csv', bytes: fixture('offices.csv') });
      expect(await kb.deleteFile(alice, file.id)).toBe(true);
      expect(await kb.getFile(alice, file.id)).toBeNull();
      expect(await kb.retrieve(alice, 'Lisbon')).toEqual([]);
      expect(await kb.deleteFile(alice, file.id)).toBe(false);
    });

    it('stores nothing for a bad file and reports progress for a good one', async () => {
      const error = await kb
        .ingest(alice, { name: 'x.pdf', bytes: fixture('not-really.pdf') })
        .catch((e: unknown) => e);
      expect(CompanyChatError.isInstance(error) && error.code).toBe('unreadable_file');
      expect(await kb.listFiles(alice)).toEqual([]);
      const stages: string[] = [];
      await kb.ingest(
        alice,
        { name: 'n.txt', bytes: fixture('notes.txt') },
        { onProgress: (p) => stages.push(p.stage) },
      );
      expect(stages).toEqual(['parsed', 'chunked', 'indexed']);
      expect(await kb.listFiles(alice)).toMatchObject([
        { name: 'n.txt', kind: 'text', status: 'ready', chunkCount: 1 },
      ]);
    });

    it('returns the existing file for the same content in the same scope, whatever its name', async () => {
      const first = await kb.ingest(alice, { name: 'handbook.pdf', bytes: fixture('handbook.pdf') });
      expect(first).toMatchObject({ outcome: 'created', version: 1, previousVersions: [] });
      const again = await kb.ingest(alice, { name: 'handbook copy.pdf', bytes: fixture('handbook.pdf') });
      expect(again).toMatchObject({ outcome: 'duplicate', id: first.id, name: 'handbook.pdf', version: 1 });
      expect((await kb.listFiles(alice)).map((f) => f.id)).toEqual([first.id]);
      expect(await kb.retrieve(alice, 'parental leave sixteen weeks')).toHaveLength(1);
    });

    it('never counts a file of another scope or another user as a duplicate', async () => {
      const mine = await kb.ingest(alice, { name: 'notes.txt', bytes: fixture('notes.txt') });
      const conversationId = await createConversation(alice);
      const attached = await kb.ingest(alice, {
        name: 'notes.txt',
        bytes: fixture('notes.txt'),
        scope: { type: 'private', conversationId },
      });
      const bobs = await kb.ingest(bob, { name: 'notes.txt', bytes: fixture('notes.txt') });
      const shared = await kb.ingest(
        alice,
        { name: 'notes.txt', bytes: fixture('notes.txt'), scope: { type: 'shared', collection: 'it' } },
        { manageShared: true },
      );
      const elsewhere = await kb.ingest(mallory, { name: 'notes.txt', bytes: fixture('notes.txt') });
      for (const file of [attached, bobs, shared, elsewhere])
        expect(file).toMatchObject({ outcome: 'created', version: 1 });
      expect(new Set([mine.id, attached.id, bobs.id, shared.id, elsewhere.id]).size).toBe(5);
      // In a shared collection the scope is the collection: another admin's copy is the same file.
      const bobsShared = await kb.ingest(
        bob,
        { name: 'n.txt', bytes: fixture('notes.txt'), scope: { type: 'shared', collection: 'it' } },
        { manageShared: true },
      );
      expect(bobsShared).toMatchObject({ outcome: 'duplicate', id: shared.id });
    });

    it('makes new content under the same name a new version that replaces the old chunks', async () => {
      const v1 = await kb.ingest(alice, {
        name: 'policy.md',
        bytes: new TextEncoder().encode("# Policy\n\nThe office opens at eight o'clock."),
      });
      const v2 = await kb.ingest(alice, {
        name: 'policy.md',
        bytes: new TextEncoder().encode("# Policy\n\nThe office opens at nine o'clock sharp."),
      });
      expect(v2).toMatchObject({ outcome: 'replaced', id: v1.id, version: 2, status: 'ready', chunkCount: 1 });
      expect(v2.sha256).not.toBe(v1.sha256);
      expect(v2.previousVersions).toEqual([
        { version: 1, sha256: v1.sha256, sizeBytes: v1.sizeBytes, replacedAt: expect.any(Date) },
      ]);
      expect(await kb.getFile(alice, v1.id)).toMatchObject({
        version: 2,
        sha256: v2.sha256,
        previousVersions: [{ version: 1 }],
      });
      expect((await kb.listFiles(alice)).map((f) => f.id)).toEqual([v1.id]);
      const hits = await kb.retrieve(alice, 'When does the office open?');
      expect(hits.map((h) => h.text)).toEqual([expect.stringContaining('nine')]);
      expect(await kb.retrieve(alice, 'eight')).toEqual([]);
      // The old content again is a third version, not a duplicate of a replaced one.
      const v3 = await kb.ingest(alice, {
        name: 'policy.md',
        bytes: new TextEncoder().encode("# Policy\n\nThe office opens at eight o'clock."),
      });
      expect(v3).toMatchObject({ outcome: 'replaced', id: v1.id, version: 3, sha256: v1.sha256 });
      expect(v3.previousVersions.map((v) => v.version)).toEqual([1, 2]);
      expect(await kb.retrieve(alice, 'nine')).toEqual([]);
      // Bob's file of the same name is his own.
      expect(await kb.ingest(bob, { name: 'policy.md', bytes: fixture('onboarding.md') })).toMatchObject({
        outcome: 'created',
        version: 1,
      });
    });

    it('keeps the previous version searchable when indexing a new one fails', async () => {
      const v1 = await kb.ingest(alice, { name: 'notes.txt', bytes: fixture('notes.txt') });
      const newNotes = { name: 'notes.txt', bytes: new TextEncoder().encode('Completely new notes.') };
      const unavailable = new CompanyChatError({ code: 'upstream', message: 'Embeddings are unavailable.' });
      // Cancelled between chunking and indexing, on every store.
      const controller = new AbortController();
      const cancelled = await kb
        .ingest(alice, newNotes, {
          signal: controller.signal,
          onProgress: (p) => p.stage === 'chunked' && controller.abort(unavailable),
        })
        .catch((e: unknown) => e);
      expect(cancelled).toBe(unavailable);
      // The embedder fails, where the store keeps vectors (elsewhere nothing is embedded).
      if (store.searchVector) {
        const failing = createKnowledgeBase({
          store,
          logger: silent,
          embedder: {
            modelId: 'failing',
            embed: async () => {
              throw unavailable;
            },
          },
        });
        expect(await failing.ingest(alice, newNotes).catch((e: unknown) => e)).toBe(unavailable);
      }
      expect(await kb.getFile(alice, v1.id)).toMatchObject({ status: 'ready', version: 1, sha256: v1.sha256 });
      expect(await kb.retrieve(alice, 'printer Magenta')).toHaveLength(1);
    });

    it('stores a large file in batches, all of it or none of it', async () => {
      const small = createKnowledgeBase({ store, logger: silent, chunking: { maxTokens: 40, overlapTokens: 0 } });
      const rows = Array.from({ length: 1200 }, (_, i) => `Office ${i},City ${i},Desk ${i % 7}`);
      const csv = (extra: string) => new TextEncoder().encode(`Office,City,Desk\n${rows.join('\n')}\n${extra}\n`);
      const batches: number[] = [];
      const file = await small.ingest(
        alice,
        { name: 'desks.csv', bytes: csv('Office last,Lisbon,Desk 9') },
        { onProgress: (p) => p.stage === 'chunked' && batches.push(p.chunks!) },
      );
      // Several batches of 256, each reported with the chunks stored so far, and the count on the file.
      expect(file.chunkCount).toBeGreaterThan(512);
      expect(batches).toEqual(
        Array.from({ length: Math.ceil(file.chunkCount / 256) }, (_, i) => Math.min((i + 1) * 256, file.chunkCount)),
      );
      expect(await kb.getFile(alice, file.id)).toMatchObject({ status: 'ready', chunkCount: file.chunkCount });
      const [last] = await kb.retrieve(alice, 'Office last Lisbon');
      expect(last).toMatchObject({ fileId: file.id });
      const opened = await kb.getPassage(alice, file.id, last!.chunkId);
      expect(opened?.passage.ordinal).toBe(file.chunkCount - 1);
      expect(opened?.next).toBeNull();

      // A new version that fails after its first batches were written leaves the old one whole.
      const failure = new CompanyChatError({ code: 'upstream', message: 'Stopped.' });
      const controller = new AbortController();
      const stopped = await small
        .ingest(
          alice,
          { name: 'desks.csv', bytes: csv('Office moved,Porto,Desk 3') },
          { signal: controller.signal, onProgress: (p) => p.chunks === 512 && controller.abort(failure) },
        )
        .catch((e: unknown) => e);
      expect(stopped).toBe(failure);
      expect(await kb.getFile(alice, file.id)).toMatchObject({ version: 1, chunkCount: file.chunkCount });
      expect(await kb.retrieve(alice, 'Office moved Porto')).toEqual([]);
      expect(await kb.retrieve(alice, 'Office last Lisbon')).toHaveLength(1);
    });

    it('lists the files of exactly one scope', async () => {
      const scope = { type: 'shared', collection: 'docs' } as const;
      const a = await kb.ingest(alice, { name: 'a.txt', bytes: fixture('notes.txt'), scope }, { manageShared: true });
      const b = await kb.ingest(bob, { name: 'b.csv', bytes: fixture('offices.csv'), scope }, { manageShared: true });
      await kb.ingest(alice, { name: 'c.md', bytes: fixture('onboarding.md') });
      await kb.ingest(
        alice,
        { name: 'd.txt', bytes: fixture('notes.txt'), scope: { type: 'shared', collection: 'other' } },
        { manageShared: true },
      );
      expect((await kb.filesInScope(bob, scope)).map((f) => f.id).sort()).toEqual([a.id, b.id].sort());
      expect(await kb.filesInScope(mallory, scope)).toEqual([]);
      expect((await kb.filesInScope(alice, { type: 'private' })).map((f) => f.name)).toEqual(['c.md']);
      expect(await kb.filesInScope(bob, { type: 'private' })).toEqual([]);
    });

    it('finds a passage sharing no word with the question when vectors are available', async () => {
      if (!store.searchVector) {
        // Stores without vector support must say so by not offering searchVector.
        expect(store.searchVector).toBeUndefined();
        return;
      }
      const hybrid = createKnowledgeBase({ store, embedder: conceptEmbedder, logger: silent });
      const stages: string[] = [];
      await hybrid.ingest(
        alice,
        { name: 'handbook.pdf', bytes: fixture('handbook.pdf') },
        { onProgress: (p) => stages.push(p.stage) },
      );
      expect(stages).toContain('embedded');
      expect(await kb.retrieve(alice, 'baby vacation')).toEqual([]);
      const [top] = await hybrid.retrieve(alice, 'baby vacation');
      expect(top).toMatchObject({ page: 2 });
      expect(await hybrid.retrieve(bob, 'baby vacation')).toEqual([]);
    });
    it('returns no passage rather than an unrelated one (the relevance floor)', async () => {
      await kb.ingest(alice, { name: 'LICENSE.txt', bytes: new TextEncoder().encode(LICENCE) });
      await kb.ingest(alice, { name: 'handbook.pdf', bytes: fixture('handbook.pdf') });
      // Words of the question occur in the licence ("all", "work"), its subject nowhere.
      expect(await kb.retrieve(alice, 'How do I configure the operator to watch all namespaces at work?')).toEqual([]);
      expect(await kb.retrieve(alice, 'What is the weather like?')).toEqual([]);
      const [top] = await kb.retrieve(alice, 'How many weeks of parental leave?');
      expect(top).toMatchObject({ fileName: 'handbook.pdf', page: 2 });
      // Turned off, the same question gets the licence: what the floor is there to prevent.
      const unfloored = createKnowledgeBase({ store, logger: silent, relevanceFloor: { minTextRelevance: 0 } });
      const [wrong] = await unfloored.retrieve(
        alice,
        'How do I configure the operator to watch all namespaces at work?',
      );
      expect(wrong).toMatchObject({ fileName: 'LICENSE.txt' });
    });

    it('keeps the relevance floor meaningful in a collection of one to three chunks', async () => {
      const text = (s: string) => new TextEncoder().encode(s);
      const licence = await kb.ingest(alice, { name: 'LICENSE.txt', bytes: text(LICENCE) });
      // One chunk: the question's subject is in "every" chunk, another of its words in none.
      const [owner] = await kb.retrieve(alice, 'Who owns the copyright?');
      expect(owner).toMatchObject({ fileName: 'LICENSE.txt' });
      // Still no licence quoted for a question that shares only an everyday word with it.
      expect(await kb.retrieve(alice, 'How do I configure the operator to watch all namespaces at work?')).toEqual([]);
      await kb.deleteFile(alice, licence.id);

      // Three chunks, each about holidays: the word holding the question's subject weighs enough.
      const sections = ['Spring', 'Summer', 'Winter'].map(
        (season) => `# ${season} holidays\n\n${season} holidays are booked with the team lead.`,
      );
      const file = await kb.ingest(alice, { name: 'holidays.md', bytes: text(sections.join('\n\n')) });
      expect(file.chunkCount).toBe(3);
      expect(await kb.retrieve(alice, 'holidays carryover?')).toHaveLength(3);
      expect(await kb.retrieve(alice, 'How do I configure the operator?')).toEqual([]);
    });

    it('applies the vector floor before fusion when vectors are available', async () => {
      if (!store.searchVector) return expect(store.searchVector).toBeUndefined();
      const hybrid = createKnowledgeBase({ store, embedder: conceptEmbedder, logger: silent });
      await hybrid.ingest(alice, { name: 'handbook.pdf', bytes: fixture('handbook.pdf') });
      await hybrid.ingest(alice, { name: 'notes.txt', bytes: fixture('notes.txt') });
      // The nearest vectors of a question about food are all unrelated: none passes the floor.
      expect(await hybrid.retrieve(alice, 'canteen lunch menu')).toEqual([]);
      const [top] = await hybrid.retrieve(alice, 'baby vacation');
      expect(top).toMatchObject({ fileName: 'handbook.pdf', page: 2 });
      const open = createKnowledgeBase({
        store,
        embedder: conceptEmbedder,
        logger: silent,
        relevanceFloor: { minVectorSimilarity: -1 },
      });
      expect(await open.retrieve(alice, 'canteen lunch menu')).not.toEqual([]);
    });

    it('opens a passage with its neighbours, for its readers only', async () => {
      const file = await kb.ingest(alice, { name: 'onboarding.md', bytes: fixture('onboarding.md') });
      const [top] = await kb.retrieve(alice, 'Who is my buddy?');
      const opened = await kb.getPassage(alice, file.id, top!.chunkId);
      expect(opened).toMatchObject({ file: { id: file.id }, passage: { id: top!.chunkId, text: top!.text } });
      const { passage, previous, next } = opened!;
      expect(previous === null || previous.ordinal === passage.ordinal - 1).toBe(true);
      expect(next === null || next.ordinal === passage.ordinal + 1).toBe(true);
      expect(previous ?? next).not.toBeNull();
      expect(passage.locator).toEqual(top!.locator);
      const first = previous ? await kb.getPassage(alice, file.id, previous.id) : opened;
      if (first!.passage.ordinal === 0) expect(first!.previous).toBeNull();
      expect(await kb.getPassage(bob, file.id, top!.chunkId)).toBeNull();
      expect(await kb.getPassage(mallory, file.id, top!.chunkId)).toBeNull();
      const other = await kb.ingest(alice, { name: 'notes.txt', bytes: fixture('notes.txt') });
      expect(await kb.getPassage(alice, other.id, top!.chunkId)).toBeNull();
      expect(await kb.getPassage(alice, file.id, 'not-a-uuid')).toBeNull();
      expect(await kb.getPassage(alice, file.id, crypto.randomUUID())).toBeNull();
    });

    it('keeps the original of each file for its readers, replaced with new versions and deleted with the file', async () => {
      const bytes = fixture('offices.csv');
      const file = await kb.ingest(alice, { name: 'offices.csv', bytes });
      const original = await kb.openOriginal(alice, file.id);
      expect(original).toMatchObject({
        file: { id: file.id },
        blob: { size: bytes.byteLength, contentType: 'text/csv' },
      });
      expect(new Uint8Array(await new Response(original!.blob.body).arrayBuffer())).toEqual(bytes);
      expect(await kb.openOriginal(bob, file.id)).toBeNull();
      expect(await kb.openOriginal(mallory, file.id)).toBeNull();
      expect(await kb.openOriginal(alice, 'not-a-uuid')).toBeNull();

      const changed = new TextEncoder().encode('Office,City\nHQ,Porto\n');
      await kb.ingest(alice, { name: 'offices.csv', bytes: changed });
      const replaced = await kb.openOriginal(alice, file.id);
      expect(new Uint8Array(await new Response(replaced!.blob.body).arrayBuffer())).toEqual(changed);
      expect(await blobs.get(`files/${file.id}/${file.sha256}`)).toBeNull();

      expect(await kb.deleteFile(alice, file.id)).toBe(true);
      expect(await kb.openOriginal(alice, file.id)).toBeNull();
      const current = (await kb.filesInScope(alice, { type: 'private' })).find((f) => f.id === file.id);
      expect(current).toBeUndefined();
      const sha = replaced!.file.sha256;
      expect(await blobs.get(`files/${file.id}/${sha}`)).toBeNull();
    });
  });
}

// Enough of a public-domain dedication's wording to share everyday words with questions.
const LICENCE = `Statement of Purpose

The laws of most jurisdictions throughout the world automatically confer exclusive Copyright and Related
Rights upon the creator and subsequent owner or owners of an original work of authorship. Certain owners
wish to permanently relinquish those rights to a work for the purpose of contributing to a commons of
creative, cultural and scientific works that the public can reliably and without fear of later claims of
infringement build upon, modify, incorporate in other works, reuse and redistribute as freely as possible
in any form whatsoever and for any purposes, including without limitation commercial purposes. All rights
are waived to the extent allowed by law.`;
