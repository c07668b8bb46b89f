/**
 * A `Content-Disposition: attachment` value for a stored file name (RFC 6266): an ASCII `filename`
 * with quotes, backslashes, control and non-ASCII characters replaced, for old clients, and the exact
 * name as UTF-8 in `filename*` (RFC 8187), so no name can break out of the header or choose a path.
 */
export function attachmentDisposition(name: string): string {
  const base = name.replace(/[/\\]/g, '_').trim() || 'download';
  const ascii = base.replace(/[^\x20-\x7e]|["%;\\]/g, '_');
  const encoded = encodeURIComponent(base).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
