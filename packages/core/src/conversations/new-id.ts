/** A random, unguessable id (UUID v4 from Web Crypto, available on Node, Bun, Deno and Workers). */
export function newId(): string {
  return crypto.randomUUID();
}
