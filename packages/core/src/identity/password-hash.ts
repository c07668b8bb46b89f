import { argon2id, argon2Verify } from 'hash-wasm';

/** Cost parameters of argon2id. */
export interface PasswordHashParams {
  /** Memory in KiB. */
  memorySize: number;
  iterations: number;
  parallelism: number;
}

/**
 * OWASP Password Storage Cheat Sheet's argon2id baseline (19 MiB, 2 passes, 1 lane). hash-wasm runs it as
 * WebAssembly, so accounts work on Node, Bun, Deno and Workers without native binaries.
 */
export const DEFAULT_PASSWORD_HASH_PARAMS: PasswordHashParams = {
  memorySize: 19 * 1024,
  iterations: 2,
  parallelism: 1,
};

/** Longest password accepted: bounds the hashing work an attacker can make one request cost. */
export const MAX_PASSWORD_LENGTH = 1024;

/** Hashes a password with argon2id into a self-describing PHC string (`$argon2id$v=19$m=...`). */
export async function hashPassword(password: string, params = DEFAULT_PASSWORD_HASH_PARAMS): Promise<string> {
  if (password.length > MAX_PASSWORD_LENGTH) throw new RangeError('password too long');
  return argon2id({
    password: password.normalize('NFKC'),
    salt: crypto.getRandomValues(new Uint8Array(16)),
    ...params,
    hashLength: 32,
    outputType: 'encoded',
  });
}

/** Checks a password against a PHC string from {@link hashPassword}; false on any malformed input. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH || !encoded.startsWith('$argon2id$')) return false;
  try {
    return await argon2Verify({ password: password.normalize('NFKC'), hash: encoded });
  } catch {
    return false;
  }
}
