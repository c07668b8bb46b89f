import type { ContextPassage } from '../../providers/chat-model.js';
import { Bm25Index } from '../search/bm25-index.js';
import { splitSentences } from '../search/split-sentences.js';

/** A sentence chosen for an extractive answer. */
export interface PickedSentence {
  passage: ContextPassage;
  /** Position of the passage in the retrieval order (0 = best) and of the sentence within it. */
  rank: number;
  position: number;
  text: string;
  score: number;
  /** The sentence after it in the same paragraph, quoted with it as its context. */
  next?: PickedSentence;
}

/** Options of {@link pickSentences}. */
export interface PickSentencesOptions {
  /** Sentences at most. Default 4. */
  maxSentences?: number;
  /** Characters of quoted text at most (whole sentences; the first one is always kept). Default 800. */
  maxChars?: number;
  /** A sentence scoring under this share of the best one is left out. Default 0.4. */
  minShare?: number;
}

// Retrieval already ranked the passages: a bonus per rank favours, among sentences scoring alike, those
// of the passages the search found best (15% per rank, tuned on bench/retrieval/quality).
const RANK_BONUS = 0.15;

/**
 * The sentences of the passages that best match the question's weighted terms, best first: BM25 over
 * sentences (so a word found in every sentence counts little), with each text quoted once (chunks
 * overlap) and heading lines left out (they are labels, not statements). When no sentence shares a
 * word with the question (the passages came from vector search), the opening of the best passage.
 */
export function pickSentences(
  passages: readonly ContextPassage[],
  terms: readonly string[],
  weights: ReadonlyMap<string, number>,
  options: PickSentencesOptions = {},
): PickedSentence[] {
  const maxSentences = options.maxSentences ?? 4;
  const maxChars = options.maxChars ?? 800;
  const candidates: PickedSentence[] = [];
  const seen = new Set<string>();
  const index = new Bm25Index();
  passages.forEach((passage, rank) => {
    const headings = new Set((passage.headingPath ?? []).map(normalise));
    let position = 0;
    for (const paragraph of paragraphs(passage.text, headings)) {
      let previous: PickedSentence | undefined;
      for (const text of splitSentences(paragraph)) {
        const key = normalise(text);
        position++;
        if (seen.has(key)) continue;
        seen.add(key);
        index.add(String(candidates.length), text);
        const candidate: PickedSentence = { passage, rank, position, text, score: 0 };
        if (previous) previous.next = candidate;
        previous = candidate;
        candidates.push(candidate);
      }
    }
  });
  if (candidates.length === 0) return [];
  for (const { id, score } of index.search(terms, candidates.length, () => true, weights)) {
    const candidate = candidates[Number(id)]!;
    candidate.score = score * (1 + RANK_BONUS * (passages.length - candidate.rank));
  }
  const ranked = candidates.filter((c) => c.score > 0).sort((a, b) => b.score - a.score);
  if (ranked.length === 0) return candidates.filter((c) => c.rank === 0).slice(0, 2);
  const floor = ranked[0]!.score * (options.minShare ?? 0.4);
  const picked = new Set<PickedSentence>();
  let chars = 0;
  let chosen = 0;
  const take = (sentence: PickedSentence) => {
    picked.add(sentence);
    chars += sentence.text.length;
  };
  for (const candidate of ranked) {
    if (chosen >= maxSentences || candidate.score < floor) break;
    if (picked.has(candidate) || (chosen > 0 && chars + candidate.text.length > maxChars)) continue;
    take(candidate);
    chosen++;
    // The answer often follows the sentence that names the subject ("... --retry-max-time. The default
    // is 0."): the next sentence of the paragraph is quoted too, when there is room.
    const next = candidate.next;
    if (next && !picked.has(next) && chars + next.text.length <= maxChars) take(next);
  }
  return [...picked];
}

/**
 * The paragraphs of a passage, without labels: chunk text keeps blocks (paragraphs, headings, list
 * items, table rows) on lines of their own, but a paragraph may also keep the line breaks of its
 * source (Markdown and text wrapped at 80 columns). A line that ends mid-sentence continues on the
 * next one (see `wrapped`), unless that is a `header: value; ...` record or a capitalised label;
 * lines of a fenced code block stand alone.
 */
function paragraphs(text: string, headings: ReadonlySet<string>): string[] {
  const result: string[] = [];
  let open = false;
  let code = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (/^(```|~~~)/.test(line)) code = !code;
    if (!line || /^(```|~~~)/.test(line)) {
      open = false;
      continue;
    }
    if (code || isRecord(line)) {
      result.push(line);
      open = false;
    } else if (open && !(isLabel(line) && /^\p{Lu}/u.test(line))) {
      result[result.length - 1] += ` ${line}`;
      open = wrapped(line);
    } else if (!headings.has(normalise(line)) && !isLabel(line)) {
      result.push(line);
      open = wrapped(line);
    }
  }
  return result;
}

// A line cut by wrapping is long (sources wrap at 72-80 columns) and stops mid-sentence; a short line
// without a full stop is a title, a name or a code line that stands alone.
function wrapped(line: string): boolean {
  return line.length >= 40 && !/[.!?:;]$/.test(line);
}

function isRecord(line: string): boolean {
  return /^[^:;]{1,80}: .*;/.test(line);
}

/**
 * A heading kept as a line of its own (Markdown `#`, or a short line that ends without punctuation,
 * like "Parental leave", "--retry-max-time <seconds>" or a man page's "FETCHR(1) User Commands
 * FETCHR(1)"), or a table-of-contents entry: a label of something else, not a statement.
 * Table rows (`header: value; ...`) end without punctuation too, but hold a colon.
 */
function isLabel(line: string): boolean {
  const text = line.trim();
  // Markdown headings, and table-of-contents entries (links to anchors of the same page).
  if (/^#{1,6}\s/.test(text) || /^[-*+]\s+\[[^\]]*\]\(#/.test(text)) return true;
  return text.split(/\s+/).length <= 8 && !/[.!?:;,"'”]$/.test(text) && !text.includes(':');
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}
