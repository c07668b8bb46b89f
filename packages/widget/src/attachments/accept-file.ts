/** Default `accept`: the document types the server's knowledge base ingests. */
export const DEFAULT_ACCEPT = '.txt,.md,.markdown,.csv,.json,.html,.htm,.pdf,.docx';

/** Default largest file: 20 MiB, the server's default upload limit. */
export const DEFAULT_MAX_FILE_SIZE = 20 * 1024 * 1024;

/** Why a file was refused before any upload, or null when it may be uploaded. */
export type FileRejection = 'type' | 'size' | null;

/**
 * Checks a file against an `accept` list (extensions like `.pdf`, exact types like `text/plain`, or
 * wildcards like `text/*`, as in `<input accept>`) and a size limit, before anything is sent.
 */
export function checkFile(
  file: { name: string; type: string; size: number },
  accept: string,
  maxSize: number,
): FileRejection {
  const rules = accept
    .split(',')
    .map((r) => r.trim().toLowerCase())
    .filter(Boolean);
  const name = file.name.toLowerCase();
  const type = file.type.toLowerCase();
  const typeOk =
    rules.length === 0 ||
    rules.some((rule) =>
      rule.startsWith('.')
        ? name.endsWith(rule)
        : rule.endsWith('/*')
          ? type.startsWith(rule.slice(0, -1))
          : type === rule,
    );
  if (!typeOk) return 'type';
  if (file.size > maxSize) return 'size';
  return null;
}

/** A human file size: `512 B`, `3.4 KB`, `20 MB`. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}
