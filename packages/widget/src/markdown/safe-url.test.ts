import { describe, expect, it } from 'vitest';
import { parseOrigins, safeImageUrl, safeLinkUrl } from './safe-url.js';

describe('safeLinkUrl', () => {
  it('allows http(s) and mailto, normalised', () => {
    expect(safeLinkUrl('HTTPS://Example.com/a b')).toBe('https://example.com/a%20b');
    expect(safeLinkUrl('mailto:someone@example.com')).toBe('mailto:someone@example.com');
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '&#106;avascript:alert(1)',
    'javascript&colon;alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    '/relative',
    '//evil.example/x',
    'file:///etc/passwd',
  ])('refuses %j', (raw) => {
    expect(safeLinkUrl(raw)).toBeNull();
  });
});

describe('safeImageUrl', () => {
  const allowed = parseOrigins('https://img.example.com, http://localhost:8000 not-a-url');
  it('allows only listed origins', () => {
    expect([...allowed]).toEqual(['https://img.example.com', 'http://localhost:8000']);
    expect(safeImageUrl('https://img.example.com/a.png', allowed)).toBe('https://img.example.com/a.png');
    expect(safeImageUrl('https://evil.example/?q=secret', allowed)).toBeNull();
    expect(safeImageUrl('https://img.example.com.evil.example/a.png', allowed)).toBeNull();
    expect(safeImageUrl('data:image/png;base64,AAAA', allowed)).toBeNull();
    expect(safeImageUrl('https://img.example.com/a.png', new Set())).toBeNull();
  });
});
