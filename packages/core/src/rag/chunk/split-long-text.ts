import type { TokenCounter } from '../../engine/token-counter.js';
import { countTokensSafely } from './count-tokens-safely.js';

/** A slice of a block's text with its offset inside the block. */
export interface TextPiece {
  text: string;
  start: number;
  tokens: number;
}

/**
 * Splits text longer than `maxTokens` at sentence ends, and a sentence that is still too long at
 * word boundaries, so no piece exceeds the limit (a single giant "word" is cut by characters).
 */
export function splitLongText(text: string, maxTokens: number, counter: TokenCounter): TextPiece[] {
  const pieces: TextPiece[] = [];
  for (const sentence of spans(text, /[^.!?\n]+(?:[.!?]+|\n|$)/g)) {
    const tokens = countTokensSafely(counter, sentence.text);
    if (tokens <= maxTokens) {
      pieces.push({ ...sentence, tokens });
      continue;
    }
    let current: TextPiece | undefined;
    for (const word of spans(sentence.text, /\S+\s*/g)) {
      const start = sentence.start + word.start;
      for (const part of cutWord(word.text, start, maxTokens, counter)) {
        if (current && current.tokens + part.tokens <= maxTokens) {
          current.text += part.text;
          current.tokens += part.tokens;
        } else {
          if (current) pieces.push(current);
          current = { ...part };
        }
      }
    }
    if (current) pieces.push(current);
  }
  return pieces.map((p) => ({ ...p, text: p.text.trimEnd() })).filter((p) => p.text.trim() !== '');
}

function spans(text: string, pattern: RegExp): Array<{ text: string; start: number }> {
  return [...text.matchAll(pattern)].filter((m) => m[0] !== '').map((m) => ({ text: m[0], start: m.index }));
}

function cutWord(word: string, start: number, maxTokens: number, counter: TokenCounter): TextPiece[] {
  const tokens = countTokensSafely(counter, word);
  if (tokens <= maxTokens) return [{ text: word, start, tokens }];
  // Tokens average at least one character, so slices of maxTokens characters always fit.
  const out: TextPiece[] = [];
  for (let i = 0; i < word.length; i += maxTokens) {
    const text = word.slice(i, i + maxTokens);
    out.push({ text, start: start + i, tokens: countTokensSafely(counter, text) });
  }
  return out;
}
