import type { ChatCitation } from '@company-chat/core/client';
import { type CompanyChatStrings, format } from '../strings.js';

const range = (one: string, many: string, [from, to]: [number, number]) =>
  from === to ? format(one, { n: from }) : format(many, { from, to });

/**
 * Where a cited passage is in its file, in the user's words: `p. 4`, `rows 12–18`, `lines 3–9`, then
 * the headings it sits under. Read from the citation's locator, else from its page and section
 * (citations stored before locators).
 */
export function citationPlace(citation: ChatCitation, s: CompanyChatStrings): string {
  const where = citation.locator ?? {};
  const page = where.page ?? citation.page;
  const parts: string[] = [];
  if (page !== undefined) parts.push(format(s.page, { page }));
  if (where.rows) parts.push(range(s.row, s.rows, where.rows));
  if (where.lines) parts.push(range(s.line, s.lines, where.lines));
  const section = where.heading?.length ? where.heading.join(' › ') : citation.section;
  if (section) parts.push(section);
  return parts.join(', ');
}
