/**
 * Knowledge base columns. A file is private to its uploader (`collection` null, optionally
 * tied to one conversation) or belongs to a tenant's shared `collection`. The scope is copied onto
 * every chunk so retrieval filters chunks by scope without a join before ranking.
 * `chunks.search` is rebuilt over the heading path and the text with a per-chunk text-search
 * configuration (`language`, default `simple`: no stemming, any language), chosen by the deployment.
 * `term_stats` counts the chunks each lexeme occurs in (and, under the empty word, all chunks), so
 * search can weigh rare words above common ones (inverse document frequency) and pick selective words
 * to find candidates; it is approximate by design (kept up to date on ingest and file deletion).
 * Vectors (`chunks.embedding`, pgvector) are added at runtime when an embedder is configured, because
 * their length depends on the embedding model.
 */
export const migration0002Knowledge = `
ALTER TABLE files ADD COLUMN collection text;
ALTER TABLE files ADD COLUMN kind text NOT NULL DEFAULT 'text';
ALTER TABLE files ADD COLUMN stage text;
ALTER TABLE files ADD COLUMN page_count integer;
ALTER TABLE files ADD COLUMN chunk_count integer NOT NULL DEFAULT 0;
CREATE INDEX files_collection ON files (tenant_id, collection, created_at DESC) WHERE collection IS NOT NULL;

ALTER TABLE chunks ADD COLUMN conversation_id uuid;
ALTER TABLE chunks ADD COLUMN collection text;
ALTER TABLE chunks ADD COLUMN heading text NOT NULL DEFAULT '';
ALTER TABLE chunks ADD COLUMN language regconfig NOT NULL DEFAULT 'simple';
ALTER TABLE chunks DROP COLUMN search;
-- Dots, slashes, brackets and camelCase split words, so JSON paths (benefits.gym.monthlySubsidy),
-- file paths and identifiers match the words of a question.
ALTER TABLE chunks ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector(language,
  regexp_replace(regexp_replace(heading || E'\\n' || content, '[._/\\[\\]-]+', ' ', 'g'), '([a-z])([A-Z])', '\\1 \\2', 'g')
)) STORED;
CREATE INDEX chunks_search ON chunks USING gin (search);
DROP INDEX chunks_owner;
CREATE INDEX chunks_scope ON chunks (tenant_id, user_id, collection);

CREATE TABLE term_stats (
  language regconfig NOT NULL,
  word text NOT NULL,
  ndoc bigint NOT NULL,
  PRIMARY KEY (language, word)
);
`;
