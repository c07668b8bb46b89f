const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * A random base62 string from the Web Crypto CSPRNG. Base62 keeps tokens copy-paste and URL safe.
 * Rejection sampling avoids modulo bias: bytes ≥ 248 (= 62 × 4) are discarded.
 */
export function randomToken(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (byte < 248 && out.length < length) out += alphabet[byte % 62];
    }
  }
  return out;
}
