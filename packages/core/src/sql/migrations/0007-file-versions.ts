/**
 * File versions and de-duplication: uploading the same name with new content in the same scope makes a
 * new `version` of the file (its chunks replaced), with the replaced versions kept in
 * `previous_versions` (`[{ version, sha256, sizeBytes, replacedAt }]`, oldest first). The indexes find
 * a scope's file by content hash (a duplicate) or by name (an earlier version).
 */
export const migration0007FileVersions = `
ALTER TABLE files ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE files ADD COLUMN previous_versions jsonb NOT NULL DEFAULT '[]'::jsonb;
CREATE INDEX files_sha256 ON files (tenant_id, sha256);
CREATE INDEX files_name ON files (tenant_id, name);
`;
