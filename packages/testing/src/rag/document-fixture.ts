import { readFileSync } from 'node:fs';

/**
 * The folder of sample documents (PDF, DOCX, HTML, CSV, Markdown, broken and hostile files) that the
 * knowledge-base tests ingest; regenerate them with `pnpm exec tsx packages/testing/src/rag/__fixtures__/generate-fixtures.ts`.
 */
export const documentFixturesUrl = new URL('./__fixtures__/', import.meta.url);

/** The bytes of one sample document, e.g. `documentFixture('handbook.pdf')` or `documentFixture('follow-up/expense-policy.md')`. */
export function documentFixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(name, documentFixturesUrl)));
}
