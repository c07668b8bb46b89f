import { safeImageUrl } from '../markdown/safe-url.js';

/**
 * The avatar URL to load, or undefined: a `data:image/…` URL (nothing is fetched), or an http(s) URL from
 * one of the allowed image origins, under the same rule as images in answers.
 */
export function checkedAvatar(raw: string, allowedOrigins: ReadonlySet<string>): string | undefined {
  const value = raw.trim();
  if (!value) return undefined;
  if (/^data:image\/[\w.+-]+[;,]/i.test(value)) return value;
  return safeImageUrl(value, allowedOrigins) ?? undefined;
}
