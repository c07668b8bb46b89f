import { isUuid } from '../../sql/is-uuid.js';
import type { SqlClient } from '../../sql/sql-client.js';

// ts_stat() takes the query it aggregates as text. The file id is a validated UUID, so inlining it
// (quoted) is safe; nothing else is spliced in.
function fileStatsQuery(fileId: string): string {
  if (!isUuid(fileId)) throw new TypeError('fileId must be a UUID');
  return `SELECT search FROM chunks WHERE file_id = '${fileId}'`;
}

/**
 * Adds a file's lexemes to `term_stats` (and its chunk count under the empty word). Rows are upserted
 * in word order so concurrent ingestions lock them in the same order and cannot deadlock.
 */
export async function addTermStats(tx: SqlClient, fileId: string, language: string, chunks: number): Promise<void> {
  await tx.query(
    `INSERT INTO term_stats (language, word, ndoc)
     SELECT $1::regconfig, word, ndoc FROM (
       SELECT '' AS word, $3::bigint AS ndoc
       UNION ALL SELECT word, ndoc FROM ts_stat($2)
     ) s ORDER BY word
     ON CONFLICT (language, word) DO UPDATE SET ndoc = term_stats.ndoc + excluded.ndoc`,
    [language, fileStatsQuery(fileId), chunks],
  );
}

/** Subtracts a file's lexemes from `term_stats`; call before its chunks are deleted. */
export async function removeTermStats(tx: SqlClient, fileId: string, language: string): Promise<void> {
  await tx.query(
    `UPDATE term_stats t SET ndoc = GREATEST(t.ndoc - s.ndoc, 0)
     FROM (
       SELECT '' AS word, count(*)::bigint AS ndoc FROM chunks WHERE file_id = $3::uuid
       UNION ALL SELECT word, ndoc FROM ts_stat($2)
     ) s
     WHERE t.language = $1::regconfig AND t.word = s.word`,
    [language, fileStatsQuery(fileId), fileId],
  );
}

/**
 * Document frequency of each group of word forms (the forms' lexemes under `language`, summed) and the
 * total number of chunks: the inputs of inverse document frequency.
 */
export async function termFrequencies(
  db: SqlClient,
  language: string,
  groups: readonly string[][],
): Promise<{ total: number; df: number[] }> {
  const forms = groups.flat();
  const index = groups.flatMap((g, i) => g.map(() => i));
  const { rows } = await db.query<{ i: number; df: string | number }>(
    `SELECT g.i, COALESCE(sum(t.ndoc), 0) AS df
     FROM (SELECT -1 AS i, '' AS form UNION ALL SELECT * FROM unnest($2::int[], $3::text[])) AS g(i, form)
     LEFT JOIN LATERAL (
       SELECT lexeme FROM unnest(to_tsvector($1::regconfig, g.form))
       UNION SELECT '' WHERE g.form = ''
     ) l ON true
     LEFT JOIN term_stats t ON t.language = $1::regconfig AND t.word = l.lexeme
     GROUP BY g.i`,
    [language, index, forms],
  );
  const df = groups.map(() => 0);
  let total = 0;
  for (const row of rows) {
    if (row.i === -1) total = Number(row.df);
    else df[row.i] = Number(row.df);
  }
  return { total, df };
}
