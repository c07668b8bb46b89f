const linkProtocols = new Set(['http:', 'https:', 'mailto:']);

/**
 * The URL a markdown link may point to, or null. Only absolute `http:`, `https:` and `mailto:` URLs
 * pass. The string is parsed by the URL parser the browser itself uses (which strips tabs and newlines
 * and lowercases the scheme, defeating `java\tscript:` and `JaVaScRiPt:` tricks), and the normalised
 * `href` is what gets rendered, so what was checked is exactly what the browser follows. Entities are
 * not decoded here: the renderer decodes them first, as CommonMark requires, so `&#106;avascript:` is
 * checked as the `javascript:` it stands for. Relative URLs are refused: they would resolve against the
 * host page.
 */
export function safeLinkUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  return linkProtocols.has(url.protocol) ? url.href : null;
}

/**
 * The URL an image may load from, or null: `http(s)` only and only from an allowed origin (a prompt
 * injection must not be able to exfiltrate data through an image request).
 */
export function safeImageUrl(raw: string, allowedOrigins: ReadonlySet<string>): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  return allowedOrigins.has(url.origin) ? url.href : null;
}

/** Parses the `allowed-image-origins` attribute (space or comma separated) into normalised origins. */
export function parseOrigins(value: string | null | undefined): Set<string> {
  const origins = new Set<string>();
  for (const part of (value ?? '').split(/[\s,]+/)) {
    if (!part) continue;
    try {
      const origin = new URL(part).origin;
      if (origin !== 'null') origins.add(origin);
    } catch {
      // Ignored: not a URL.
    }
  }
  return origins;
}
