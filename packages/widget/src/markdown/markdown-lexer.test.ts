import type { Token } from 'marked';
import { describe, expect, it } from 'vitest';
import { lexMarkdown, MAX_INLINE_NESTING } from './markdown-lexer.js';

const depthOf = (tokens: Token[]): number =>
  Math.max(0, ...tokens.map((t) => 1 + depthOf(('tokens' in t && (t.tokens as Token[])) || [])));

describe('lexMarkdown', () => {
  it('keeps emphasis nested past the bound as text instead of overflowing the stack', () => {
    const text = `${'*a **b '.repeat(1_000)}x${'** a*'.repeat(1_000)}`;
    const tokens = lexMarkdown(text, {}, true);
    // The paragraph, then at most MAX_INLINE_NESTING emphasis levels, then their text.
    expect(depthOf(tokens)).toBeLessThanOrEqual(MAX_INLINE_NESTING + 2);
    expect(tokens[0]?.raw).toBe(text);
  });

  it('bounds nested strikethrough the same way, and deeply nested link text lexes', () => {
    for (const text of [
      `${'~~a '.repeat(1_000)}x${' b~~'.repeat(1_000)}`,
      `${'[a '.repeat(2_000)}x${'](u)'.repeat(2_000)}`,
    ]) {
      expect(depthOf(lexMarkdown(text, {}, true))).toBeLessThanOrEqual(MAX_INLINE_NESTING + 2);
    }
  });

  it('still nests emphasis inside links inside strong text', () => {
    const [paragraph] = lexMarkdown('**a [*b*](https://x.example) c**', {}, true);
    const strong = (paragraph as { tokens: Token[] }).tokens[0] as Token & { tokens: Token[] };
    expect(strong.type).toBe('strong');
    const link = strong.tokens.find((t) => t.type === 'link') as Token & { tokens: Token[] };
    expect(link.tokens[0]?.type).toBe('em');
  });
});
