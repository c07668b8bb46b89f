import { describe, expect, it } from 'vitest';
import { makeTitle } from './make-title.js';

describe('makeTitle', () => {
  it('keeps short messages and collapses whitespace', () => {
    expect(makeTitle('  How do I\n reset my   password? ')).toBe('How do I reset my password?');
  });
  it('cuts long messages at a word boundary', () => {
    const t = makeTitle('Please summarise the quarterly report for the board meeting next Tuesday afternoon in Berlin');
    expect(t.length).toBeLessThanOrEqual(61);
    expect(t.endsWith('…')).toBe(true);
    expect(t).toBe('Please summarise the quarterly report for the board meeting…');
  });
  it('drops code blocks and markdown markers, and names empty titles', () => {
    expect(makeTitle('```js\nconsole.log(1)\n```\n**Why** does this fail?')).toBe('Why does this fail?');
    expect(makeTitle('```\n```')).toBe('New chat');
  });
});
