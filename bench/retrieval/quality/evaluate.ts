import {
  type ChatModelMessage,
  documentText,
  type KnowledgeBase,
  type Owner,
  offlineAnswer,
  parseDocument,
  type RetrievedPassage,
  toContextPassages,
} from '@company-chat/core';
import type { CorpusDocument } from './corpus.js';

/** A question written from a passage: the file it comes from and a phrase of the answer. */
export interface QualityQuestion {
  kind: 'direct' | 'paraphrase' | 'table' | 'follow-up';
  /** Earlier questions of the same conversation (follow-ups). */
  conversation?: string[];
  question: string;
  file: string;
  answer: string;
}

/** How a question is searched and answered. */
export interface Mode {
  name: string;
  /** Search with the earlier questions of the conversation, or with the last message alone. */
  conversation: boolean;
  /** `extractive`: the offline answerer; `snippets`: the former answer, the first three passages' snippets. */
  answerer: 'extractive' | 'snippets';
}

/** One question's outcome under one mode. */
export interface Outcome {
  kind: QualityQuestion['kind'];
  /** 1-based rank of the first passage of the expected file holding the answer phrase; null if not in the top 5. */
  rank: number | null;
  /** The answer text contains the expected phrase. */
  answered: boolean;
}

/** Recall@5, mean reciprocal rank and the share of answers holding the phrase. */
export interface Scores {
  n: number;
  recall: number;
  mrr: number;
  answered: number;
}

export const MODES: Mode[] = [
  { name: 'before: last message, snippet answerer', conversation: false, answerer: 'snippets' },
  { name: 'last message, extractive answerer', conversation: false, answerer: 'extractive' },
  { name: 'after: conversation, extractive answerer', conversation: true, answerer: 'extractive' },
];

/** Lower case, Markdown code and emphasis marks dropped, whitespace collapsed: how phrases are compared. */
export function normalise(text: string): string {
  return text.replace(/[`*]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Fails when an expected phrase is not in the parsed text of its file: the question would be unanswerable. */
export async function checkQuestions(documents: CorpusDocument[], questions: QualityQuestion[]): Promise<void> {
  const texts = new Map<string, string>();
  for (const doc of documents) {
    texts.set(doc.name, normalise(documentText(await parseDocument({ bytes: doc.bytes, name: doc.name }))));
  }
  const bad = questions.filter((q) => !texts.get(q.file)?.includes(normalise(q.answer)));
  if (bad.length > 0) {
    throw new Error(
      `answer phrases not found in their files:\n${bad.map((q) => `  ${q.file}: ${q.answer}`).join('\n')}`,
    );
  }
}

/** Asks every question under `mode` and scores the passages and the offline answer. */
export async function evaluate(
  knowledge: KnowledgeBase,
  owner: Owner,
  questions: QualityQuestion[],
  mode: Mode,
): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const q of questions) {
    const previous = mode.conversation ? (q.conversation ?? []) : [];
    const passages = await knowledge.retrieve(owner, q.question, { limit: 5, previousQuestions: previous });
    const index = passages.findIndex((p) => p.fileName === q.file && normalise(p.text).includes(normalise(q.answer)));
    const answer = mode.answerer === 'snippets' ? snippetAnswer(passages) : extractiveAnswer(q, previous, passages);
    outcomes.push({
      kind: q.kind,
      rank: index === -1 ? null : index + 1,
      answered: normalise(answer).includes(normalise(q.answer)),
    });
  }
  return outcomes;
}

/** The scores of some outcomes. */
export function score(outcomes: Outcome[]): Scores {
  const n = outcomes.length;
  const sum = (f: (o: Outcome) => number) => outcomes.reduce((s, o) => s + f(o), 0);
  return {
    n,
    recall: n === 0 ? 0 : sum((o) => (o.rank === null ? 0 : 1)) / n,
    mrr: n === 0 ? 0 : sum((o) => (o.rank === null ? 0 : 1 / o.rank)) / n,
    answered: n === 0 ? 0 : sum((o) => (o.answered ? 1 : 0)) / n,
  };
}

function extractiveAnswer(q: QualityQuestion, previous: string[], passages: RetrievedPassage[]): string {
  const messages: ChatModelMessage[] = previous.flatMap((content) => [
    { role: 'user' as const, content },
    { role: 'assistant' as const, content: '…' },
  ]);
  messages.push({ role: 'user', content: q.question });
  return offlineAnswer({ messages, context: toContextPassages(passages) });
}

// The offline answer as it was: the first three passages, each quoted by its citation snippet.
function snippetAnswer(passages: RetrievedPassage[]): string {
  return passages
    .slice(0, 3)
    .map((p) => `> ${p.snippet} [${p.index}]\n\n(${p.fileName})`)
    .join('\n\n');
}
