import { documentFixture as fixture } from '@company-chat/testing/rag';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDefaultTokenCounter, type TokenCounter } from '../../engine/token-counter.js';
import { parseDocument } from '../parse/parse-document.js';
import { documentText, type ParsedDocument } from '../parse/parsed-document.js';
import { chunkDocument } from './chunk-document.js';

let counter: TokenCounter;
beforeAll(async () => {
  counter = await loadDefaultTokenCounter();
});

const doc = (blocks: ParsedDocument['blocks']): ParsedDocument => ({
  kind: 'markdown',
  mediaType: 'text/markdown',
  blocks,
});

describe('chunkDocument', () => {
  it('starts a chunk at each heading and keeps the heading path', async () => {
    const parsed = await parseDocument({ bytes: fixture('onboarding.md'), name: 'onboarding.md' });
    const chunks = chunkDocument(parsed, counter);
    const buddy = chunks.find((c) => c.text.includes('buddy from another team'));
    expect(buddy?.headingPath).toEqual(['Onboarding guide', 'First week', 'Buddy programme']);
    expect(buddy?.text.startsWith('Buddy programme')).toBe(true);
    const accounts = chunks.find((c) => c.text.includes('hardware token'));
    expect(accounts?.headingPath).toEqual(['Onboarding guide', 'Accounts']);
    expect(accounts?.text).not.toContain('Buddy');
  });

  it('never lets a chunk span two PDF pages', async () => {
    const parsed = await parseDocument({ bytes: fixture('handbook.pdf') });
    const chunks = chunkDocument(parsed, counter);
    expect(chunks.map((c) => c.page)).toEqual([1, 2, 3]);
    expect(chunks[1]!.text).toContain('sixteen weeks');
  });

  it('keeps row ranges for table rows', async () => {
    const parsed = await parseDocument({ bytes: fixture('offices.csv') });
    const chunks = chunkDocument(parsed, counter, { maxTokens: 40, overlapTokens: 0 });
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks[0]!.rowStart).toBe(1);
    expect(chunks.at(-1)!.rowEnd).toBe(4);
    for (const c of chunks) expect(c.tokenCount).toBeLessThanOrEqual(40);
  });

  it('sizes chunks in tokens with overlap and offsets into the document text', () => {
    const sentences = Array.from({ length: 60 }, (_, i) => `Sentence number ${i} talks about topic ${i}.`);
    const parsed = doc([
      { type: 'heading', text: 'Long', level: 1 },
      { type: 'paragraph', text: sentences.join(' ') },
    ]);
    const chunks = chunkDocument(parsed, counter, { maxTokens: 60, overlapTokens: 15 });
    expect(chunks.length).toBeGreaterThan(5);
    const full = documentText(parsed);
    for (const c of chunks) {
      expect(c.tokenCount).toBeLessThanOrEqual(60);
      expect(c.headingPath).toEqual(['Long']);
      expect(full.slice(c.startOffset, c.endOffset)).toContain(c.text.split('\n').at(-1)!);
    }
    // Overlap: each chunk after the first starts with text that ended the previous one.
    const firstOfSecond = chunks[1]!.text.split('\n')[0]!;
    expect(chunks[0]!.text).toContain(firstOfSecond);
    // Every sentence is somewhere.
    for (const s of sentences) expect(chunks.some((c) => c.text.includes(s))).toBe(true);
  });

  it('cuts a giant word into pieces that fit', () => {
    const chunks = chunkDocument(doc([{ type: 'paragraph', text: 'x'.repeat(5000) }]), counter, { maxTokens: 100 });
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c.tokenCount).toBeLessThanOrEqual(100);
    expect(chunks.map((c) => c.text).join('')).toContain('x'.repeat(4000).slice(0, 100));
  });
});
