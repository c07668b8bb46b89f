import type { Block } from './markdown-types.js';
import { closesFence, openingFence, parseBlocks } from './parse-blocks.js';

/**
 * Parses a growing markdown text so that each update costs only the unfinished last block.
 * The text is cut into chunks at blank lines outside code fences and after a closing fence: a finished
 * chunk is parsed once into `committed` blocks that never change again; only the tail after the last
 * cut is re-parsed on each update. (A loose list split by blank lines therefore renders as consecutive
 * lists that keep their numbering, which reads the same.)
 */
export class IncrementalMarkdown {
  /** Finished blocks, append-only between resets. */
  committed: Block[] = [];
  /** Blocks of the unfinished tail, re-parsed on every update. */
  tail: Block[] = [];
  /** Increments whenever `committed` grows or resets (cheap change detection for renderers). */
  version = 0;
  #src = '';
  #stableEnd = 0;
  #scanPos = 0;
  #fence: { char: string; len: number } | null = null;

  /**
   * Updates to the full text so far. Appends are incremental; any other change starts over.
   * Only the unfinished tail is compared: comparing the whole prefix would cost O(length) per token,
   * and committed text never changes while an answer streams (other edits arrive as new messages).
   */
  update(full: string): void {
    if (full === this.#src) return;
    const src = this.#src;
    if (full.length < src.length || !full.startsWith(src.slice(this.#stableEnd), this.#stableEnd)) this.reset();
    this.#src = full;
    for (let nl = full.indexOf('\n', this.#scanPos); nl >= 0; nl = full.indexOf('\n', this.#scanPos)) {
      const line = full.slice(this.#scanPos, nl);
      if (this.#fence) {
        if (closesFence(line, this.#fence)) {
          this.#fence = null;
          this.#commit(nl + 1);
        }
      } else {
        const fence = openingFence(line);
        if (fence) {
          // A fence ends the paragraph before it: commit that first so the code block stands alone.
          if (this.#scanPos > this.#stableEnd) this.#commit(this.#scanPos);
          this.#fence = fence;
        } else if (/^[ \t]*$/.test(line)) {
          this.#commit(nl + 1);
        }
      }
      this.#scanPos = nl + 1;
    }
    this.tail = parseBlocks(full.slice(this.#stableEnd));
  }

  /** Forgets everything (the text was replaced, not appended to). */
  reset(): void {
    this.committed = [];
    this.tail = [];
    this.version++;
    this.#src = '';
    this.#stableEnd = 0;
    this.#scanPos = 0;
    this.#fence = null;
  }

  #commit(end: number): void {
    const chunk = this.#src.slice(this.#stableEnd, end);
    this.#stableEnd = end;
    if (!/\S/.test(chunk)) return;
    const blocks = parseBlocks(chunk);
    if (blocks.length === 0) return;
    this.committed.push(...blocks);
    this.version++;
  }
}
