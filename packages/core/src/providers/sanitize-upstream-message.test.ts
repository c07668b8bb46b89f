import { describe, expect, it } from 'vitest';
import { sanitizeUpstreamMessage } from './sanitize-upstream-message.js';

describe('sanitizeUpstreamMessage', () => {
  it('removes URLs, key-shaped tokens and the given secrets', () => {
    const message =
      'Incorrect API key provided: sk-proj-abc***xyz. You can find your API key at https://platform.openai.com/account/api-keys. Key my-secret-key!';
    const safe = sanitizeUpstreamMessage(message, ['my-secret-key']);
    expect(safe).not.toMatch(/https?:/);
    expect(safe).not.toContain('sk-proj');
    expect(safe).not.toContain('my-secret-key');
    expect(safe).toContain('Incorrect API key provided');
  });
  it('caps the length and ignores non-strings', () => {
    expect(sanitizeUpstreamMessage('x'.repeat(1000)).length).toBe(300);
    expect(sanitizeUpstreamMessage(undefined)).toBe('');
  });
});
