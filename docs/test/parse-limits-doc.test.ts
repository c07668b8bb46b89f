import { readFileSync } from 'node:fs';
import { defaultParseLimits, type ParseLimits } from '@company-chat/core';
import { describe, expect, it } from 'vitest';

// Each parse limit is one number, defined in `defaultParseLimits`: the uploads table of security.md
// quotes it, so the two cannot drift apart.
const security = readFileSync(new URL('../security.md', import.meta.url), 'utf8');
const MiB = 1024 * 1024;
const quoted: Record<keyof ParseLimits, string> = {
  maxBytes: `${defaultParseLimits.maxBytes / MiB} MiB`,
  maxPages: defaultParseLimits.maxPages.toLocaleString('en-US'),
  maxRows: Number.isFinite(defaultParseLimits.maxRows)
    ? defaultParseLimits.maxRows.toLocaleString('en-US')
    : 'no limit',
  maxArchiveEntries: `${defaultParseLimits.maxArchiveEntries.toLocaleString('en-US')} entries`,
  maxUncompressedBytes: `${defaultParseLimits.maxUncompressedBytes / MiB} MiB`,
  maxCompressionRatio: `ratio ${defaultParseLimits.maxCompressionRatio}`,
  maxChars: `${defaultParseLimits.maxChars.toLocaleString('en-US')} characters`,
  timeBudgetMs: `${defaultParseLimits.timeBudgetMs / 1000} s`,
};

describe('the uploads limits of docs/security.md', () => {
  for (const [field, value] of Object.entries(quoted)) {
    it(`quotes ${field} as defaultParseLimits defines it (${value})`, () => {
      const row = security.split('\n').find((line) => line.startsWith('|') && line.includes(`\`${field}\``));
      expect(row, `a row of the limits table names \`${field}\``).toBeDefined();
      expect(row).toContain(value);
    });
  }
});
