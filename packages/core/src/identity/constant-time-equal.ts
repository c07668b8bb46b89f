/**
 * Compares two strings in time that depends only on their lengths, so a hash comparison leaks nothing
 * about how many leading characters matched. (Web-standard: no `node:crypto.timingSafeEqual`.)
 */
export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return diff === 0;
}
