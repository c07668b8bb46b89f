import type { TokenCounter } from '../../engine/token-counter.js';
import type { DocumentBlock, ParsedDocument } from '../parse/parsed-document.js';
import type { Chunk, ChunkOptions, Locator } from './chunk.js';
import { countTokensSafely } from './count-tokens-safely.js';
import { splitLongText } from './split-long-text.js';

interface Unit {
  text: string;
  tokens: number;
  start: number;
  end: number;
  block: DocumentBlock;
  headingPath: string[];
  /** Source lines of this unit (a part of a split block has fewer than the block). */
  lines?: [number, number];
}

/**
 * Cuts a parsed document into chunks that respect its structure: a heading or a new page always
 * starts a chunk, blocks (paragraphs, rows) are packed whole up to `maxTokens`, a block too long for
 * one chunk is split at sentences, and when a section continues in the next chunk its last
 * `overlapTokens` worth of parts are repeated so a passage cut in two is still found whole.
 *
 * @example
 * ```ts
 * const chunks = chunkDocument(await parseDocument({ bytes }), await loadDefaultTokenCounter());
 * ```
 */
export function chunkDocument(doc: ParsedDocument, counter: TokenCounter, options: ChunkOptions = {}): Chunk[] {
  return [...chunkBlocks(doc.blocks, counter, options)];
}

/**
 * {@link chunkDocument} one chunk at a time, in order, as the blocks are read: a large file is stored
 * in batches without all its chunks in memory at once.
 */
export function* chunkBlocks(
  blocks: Iterable<DocumentBlock>,
  counter: TokenCounter,
  options: ChunkOptions = {},
): Generator<Chunk> {
  const maxTokens = options.maxTokens ?? 350;
  const overlapTokens = Math.min(options.overlapTokens ?? 50, Math.floor(maxTokens / 2));
  let ordinal = 0;
  let current: Unit[] = [];
  let currentTokens = 0;

  const emit = () =>
    current.length === 0 || current.every((u) => u.block.type === 'heading')
      ? undefined
      : toChunk(ordinal++, current, currentTokens);
  const startWith = (units: Unit[]) => {
    current = units;
    currentTokens = units.reduce((n, u) => n + u.tokens, 0);
  };

  for (const unit of units(blocks, maxTokens, counter)) {
    const last = current.at(-1);
    const hasBody = current.some((u) => u.block.type !== 'heading');
    if (last && ((unit.block.type === 'heading' && hasBody) || unit.block.page !== last.block.page)) {
      const chunk = emit();
      if (chunk) yield chunk;
      startWith([]);
    } else if (last && currentTokens + unit.tokens > maxTokens) {
      const chunk = emit();
      if (chunk) yield chunk;
      startWith(overlap(current, overlapTokens, maxTokens - unit.tokens));
    }
    current.push(unit);
    currentTokens += unit.tokens;
  }
  const chunk = emit();
  if (chunk) yield chunk;
}

/** Blocks as units no longer than `maxTokens`, with offsets and the heading path at each. */
function* units(blocks: Iterable<DocumentBlock>, maxTokens: number, counter: TokenCounter): Generator<Unit> {
  const headings: Array<{ level: number; text: string }> = [];
  let offset = 0;
  for (const block of blocks) {
    if (block.type === 'heading') {
      const level = block.level ?? 1;
      while (headings.length > 0 && headings.at(-1)!.level >= level) headings.pop();
      headings.push({ level, text: block.text });
    }
    const headingPath = headings.map((h) => h.text);
    const tokens = countTokensSafely(counter, block.text) + 1;
    if (tokens <= maxTokens) {
      const unit: Unit = {
        text: block.text,
        tokens,
        start: offset,
        end: offset + block.text.length,
        block,
        headingPath,
      };
      if (block.lines) unit.lines = block.lines;
      yield unit;
    } else {
      for (const piece of splitLongText(block.text, maxTokens - 1, counter)) {
        const start = offset + piece.start;
        const unit: Unit = {
          text: piece.text,
          tokens: piece.tokens + 1,
          start,
          end: start + piece.text.length,
          block,
          headingPath,
        };
        if (block.lines) unit.lines = pieceLines(block.text, block.lines[0], piece.start, piece.text.length);
        yield unit;
      }
    }
    offset += block.text.length + 1;
  }
}

/** The trailing body units of a chunk worth at most `budget` tokens, to repeat in the next one. */
function overlap(previous: Unit[], overlapTokens: number, room: number): Unit[] {
  const kept: Unit[] = [];
  let tokens = 0;
  for (let i = previous.length - 1; i >= 0; i--) {
    const unit = previous[i]!;
    if (unit.block.type === 'heading' || tokens + unit.tokens > Math.min(overlapTokens, room)) break;
    kept.unshift(unit);
    tokens += unit.tokens;
  }
  return kept;
}

function toChunk(ordinal: number, parts: Unit[], tokenCount: number): Chunk {
  const body = parts.find((u) => u.block.type !== 'heading') ?? parts[0]!;
  const rows = parts.map((u) => u.block.row).filter((r): r is number => r !== undefined);
  const chunk: Chunk = {
    ordinal,
    text: parts.map((u) => u.text).join('\n'),
    tokenCount,
    headingPath: body.headingPath,
    startOffset: parts[0]!.start,
    endOffset: parts.at(-1)!.end,
  };
  const locator: Locator = {};
  if (body.block.page !== undefined) {
    chunk.page = body.block.page;
    locator.page = body.block.page;
  }
  if (rows.length > 0) {
    chunk.rowStart = Math.min(...rows);
    chunk.rowEnd = Math.max(...rows);
    locator.rows = [chunk.rowStart, chunk.rowEnd];
  }
  const lines = parts.flatMap((u) => u.lines ?? []);
  if (lines.length > 0) locator.lines = [Math.min(...lines), Math.max(...lines)];
  if (body.headingPath.length > 0) locator.heading = body.headingPath;
  chunk.locator = locator;
  return chunk;
}

/** The source lines of `text.slice(start, start + length)`, in a block whose text starts on `firstLine`. */
function pieceLines(text: string, firstLine: number, start: number, length: number): [number, number] {
  const before = countNewlines(text, 0, start);
  return [firstLine + before, firstLine + before + countNewlines(text, start, start + Math.max(0, length - 1))];
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
