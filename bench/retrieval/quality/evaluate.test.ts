import { createKnowledgeBase, createMemoryKnowledgeStore } from '@company-chat/core';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from './corpus.js';
import { checkQuestions, evaluate, MODES, type QualityQuestion, score } from './evaluate.js';

const owner = { tenantId: 'bench', userId: 'reader' };
const silent = { info() {}, warn() {}, error() {} };
const sample: QualityQuestion[] = [
  { kind: 'table', question: 'Who is the site lead in Tallinn?', file: 'offices.csv', answer: 'Kadri Tamm' },
  {
    kind: 'follow-up',
    conversation: ['What does fetchr --retry-max-time do?'],
    question: 'And what is its default value?',
    file: 'fetchr.1.txt',
    answer: 'The default value is 0',
  },
];

describe('retrieval quality harness', () => {
  it('scores questions under every mode, and refuses a phrase its file does not hold', {
    timeout: 120_000,
  }, async () => {
    const documents = loadCorpus().filter((d) => d.name === 'offices.csv' || d.name === 'fetchr.1.txt');
    await checkQuestions(documents, sample);
    await expect(checkQuestions(documents, [{ ...sample[0]!, answer: 'Nobody Anywhere' }])).rejects.toThrow(
      /offices\.csv: Nobody Anywhere/,
    );
    const knowledge = createKnowledgeBase({ store: createMemoryKnowledgeStore(), logger: silent });
    for (const doc of documents) await knowledge.ingest(owner, doc);
    const [before, , after] = await Promise.all(MODES.map((mode) => evaluate(knowledge, owner, sample, mode)));
    expect(score(after!)).toEqual({ n: 2, recall: 1, mrr: 1, answered: 1 });
    expect(before![0]).toMatchObject({ kind: 'table', rank: 1 });
    expect(score(before!).n).toBe(2);
  });
});
