/**
 * The original bytes of uploaded files (the default `BlobStore`), by key. `data` is stored
 * uncompressed out of line (`STORAGE EXTERNAL`): uploads are mostly compressed formats already, and
 * `substring()` on such a value reads only the pages of the slice asked for, so downloads stream in
 * slices without decompressing the whole value for each one.
 */
export const migration0009FileBlobs = `
CREATE TABLE file_blobs (
  key text PRIMARY KEY,
  content_type text,
  size_bytes bigint NOT NULL,
  data bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE file_blobs ALTER COLUMN data SET STORAGE EXTERNAL;
`;
