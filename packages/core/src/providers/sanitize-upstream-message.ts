const urlPattern = /\bhttps?:\/\/[^\s"'<>)]+/gi;
// Key-shaped tokens (OpenAI `sk-...`, Anthropic `sk-ant-...`) that upstreams echo back in auth errors,
// sometimes partially masked (`sk-abc***xyz`).
const keyPattern = /\b(?:sk|pk|rk)-[A-Za-z0-9_*.-]{3,}/g;

/**
 * Makes an upstream error message safe to show to end users: removes URLs (which may name a private
 * endpoint) and anything shaped like an API key, plus the given secrets, and caps the length.
 */
export function sanitizeUpstreamMessage(message: unknown, secrets: Array<string | undefined> = []): string {
  if (typeof message !== 'string') return '';
  let text = message;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) text = text.split(secret).join('[redacted]');
  }
  text = text.replace(urlPattern, '[url]').replace(keyPattern, '[redacted]').replace(/\s+/g, ' ').trim();
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}
