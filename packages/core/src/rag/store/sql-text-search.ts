import type { SqlClient } from '../../sql/sql-client.js';
import type { ChunkHit, Reader, SearchOptions } from '../knowledge-types.js';
import { inverseDocumentFrequency } from '../search/inverse-document-frequency.js';
import { queryTermForms } from '../search/query-terms.js';
import { CHUNK_COLUMNS, type ChunkRow, FILE_COLUMNS, toChunkHit } from './knowledge-rows.js';
import { termFrequencies } from './sql-term-stats.js';

/** What {@link sqlTextSearch} needs from its store. */
export interface SqlTextSearchContext {
  db: SqlClient;
  language: string;
  /** Most candidates ranked per query. */
  cap: number;
  /** WHERE condition over chunks `c` using $1 tenant, $2 user, $3 conversation. */
  chunkScope: string;
  scopeParams: (reader: Reader) => unknown[];
}

/**
 * Full-text search over the chunks a reader may read, scored like BM25's core: each matched word adds
 * its inverse document frequency (from `term_stats`, weighed as in the memory index), plus `ts_rank` for how often it occurs.
 * Candidates come from the selective words (those together matching at most `cap` chunks), so common
 * words neither slow the query down nor crowd the relevant chunks out of the capped candidate set;
 * when every word is common, chunks holding all of them are ranked first, then chunks holding any.
 */
export async function sqlTextSearch(
  ctx: SqlTextSearchContext,
  reader: Reader,
  query: string,
  search: SearchOptions,
  fileIds: string[] | null,
): Promise<ChunkHit[]> {
  const groups = queryTermForms(query);
  if (groups.length === 0) return [];
  // Words are [letters digits] only (searchWords), so quoting them keeps tsquery syntax out.
  const tsGroups = groups.map((forms) => `(${forms.map((f) => `'${f}'`).join(' | ')})`);
  const { total, df } = await termFrequencies(ctx.db, ctx.language, groups);
  const n = Math.max(total, ...df, 1);
  const idf = df.map((d, i) => (search.termWeights?.get(groups[i]![0]!) ?? 1) * inverseDocumentFrequency(n, d));
  const weights = { terms: tsGroups, idf, all: tsGroups.join(' & '), total: idf.reduce((a, b) => a + b, 0) };

  const known = total > 0;
  const present = groups.map((_, i) => i).filter((i) => !known || df[i]! > 0);
  if (present.length === 0) return [];
  const selective: number[] = [];
  let covered = 0;
  for (const i of [...present].sort((a, b) => df[a]! - df[b]!)) {
    if (!known || covered + df[i]! > ctx.cap) break;
    selective.push(i);
    covered += df[i]!;
  }
  if (selective.length > 0) {
    return rankedQuery(ctx, reader, selective.map((i) => tsGroups[i]).join(' | '), weights, search, fileIds, []);
  }
  const all = await rankedQuery(ctx, reader, present.map((i) => tsGroups[i]).join(' & '), weights, search, fileIds, []);
  if (all.length >= search.limit || present.length === 1) return all;
  const some = await rankedQuery(
    ctx,
    reader,
    present.map((i) => tsGroups[i]).join(' | '),
    weights,
    { ...search, limit: search.limit - all.length },
    fileIds,
    all.map((h) => h.chunk.id),
  );
  return [...all, ...some];
}

// The capped candidates are scored first and only the best `limit` rows are joined with their text
// and file, so a query reads at most `cap` tsvectors and `limit` rows. `matches` is a materialized CTE
// planned without the LIMIT: otherwise Postgres may pick a sequential scan that "stops early" and
// reads most of the table when matches are sparse; CTEs are read lazily, so the LIMIT still applies.
async function rankedQuery(
  ctx: SqlTextSearchContext,
  reader: Reader,
  candidates: string,
  weights: { terms: string[]; idf: number[]; all: string; total: number },
  search: SearchOptions,
  fileIds: string[] | null,
  exclude: string[],
): Promise<ChunkHit[]> {
  const { rows } = await ctx.db.query<ChunkRow>(
    `WITH q AS (SELECT to_tsquery($4::regconfig, $5) AS query),
     every AS (SELECT to_tsquery($4::regconfig, $12) AS query),
     terms AS (SELECT to_tsquery($4::regconfig, t.q) AS tq, t.idf FROM unnest($10::text[], $11::float8[]) AS t(q, idf)),
     matches AS MATERIALIZED (
       SELECT c.id, c.search FROM chunks c, q
       WHERE ${ctx.chunkScope} AND c.search @@ q.query
         AND ($6::uuid[] IS NULL OR c.file_id = ANY($6::uuid[]))
         AND NOT (c.id = ANY($7::uuid[]))
     ),
     top AS (
       SELECT id, matched + rank AS score, matched / $13::float8 AS relevance FROM (
         SELECT m.id,
                (SELECT COALESCE(sum(terms.idf), 0) FROM terms WHERE m.search @@ terms.tq) AS matched,
                ts_rank(m.search, q.query) + 5 * ts_rank_cd(m.search, every.query) AS rank
         FROM (SELECT * FROM matches LIMIT $8) m, q, every
       ) scored
       ORDER BY score DESC, id
       LIMIT $9
     )
     SELECT ${CHUNK_COLUMNS}, ${FILE_COLUMNS}, top.score, top.relevance
     FROM top JOIN chunks c ON c.id = top.id JOIN files f ON f.id = c.file_id
     ORDER BY top.score DESC, c.id`,
    [
      ...ctx.scopeParams(reader),
      ctx.language,
      candidates,
      fileIds,
      exclude,
      ctx.cap,
      search.limit,
      weights.terms,
      weights.idf,
      weights.all,
      weights.total || 1,
    ],
  );
  return rows.map(toChunkHit);
}
