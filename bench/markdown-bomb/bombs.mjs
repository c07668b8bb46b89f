// Pathological answers ("markdown bombs") whose cost grows faster than their length in naive parsers,
// plus two ordinary inputs of similar size as the baseline. Deterministic.
import { makeLongAnswer } from '../long-answer/make-long-answer.mjs';

const repeat = (s, n) => s.repeat(n);

/** name → markdown text. */
export function makeBombs() {
  const ordinary = makeLongAnswer(2_000).slice(0, 15_000);
  return {
    'baseline: ordinary answer': ordinary,
    'baseline: plain text': ordinary.replace(/[^\w\s.,]/g, ' '),
    '10,000 *': repeat('*', 10_000),
    '5,000 [': repeat('[', 5_000),
    '5,000 [ then ](x)': `${repeat('[', 5_000)}x${repeat('](https://example.com)', 200)}`,
    'alternating *_ runs': repeat('*a _b ', 2_500),
    'deep block quotes (5,000)': `${repeat('> ', 5_000)}deep\n`,
    'deep nested lists (100)': Array.from({ length: 100 }, (_, i) => `${repeat('  ', i)}- item ${i}`).join('\n'),
    'nested emphasis (2,000)': `${repeat('*a **b ', 1_000)}x${repeat('** a*', 1_000)}`,
    'backtick runs': Array.from({ length: 1_500 }, (_, i) => repeat('`', (i % 20) + 1)).join(' x '),
    'long table (500 rows)': `| a | b | c |\n|---|:-:|--:|\n${Array.from({ length: 500 }, (_, i) => `| ${i} | *${i}* | [${i}](https://x.example/${i}) |`).join('\n')}`,
    'wide table (300 columns)': `|${repeat(' h |', 300)}\n|${repeat('---|', 300)}\n${repeat(`|${repeat(' *c* |', 300)}\n`, 8)}`,
    'unclosed fence + links': `\`\`\`\n${repeat('[a](b) ', 2_500)}`,
  };
}
