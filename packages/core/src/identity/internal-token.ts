import { type JWTPayload, jwtVerify, SignJWT } from 'jose';
import { unauthenticated } from './auth-errors.js';

/** Issuer of every token company-chat signs itself. */
export const INTERNAL_ISSUER = 'company-chat';

/** Encodes a server secret, refusing ones too short to resist brute force (RFC 7518 §3.2). */
export function secretBytes(secret: string | Uint8Array): Uint8Array {
  const bytes = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  if (bytes.byteLength < 32) throw new Error('token secret must be at least 32 bytes');
  return bytes;
}

/** Signs a short-lived HS256 token. `kind` is both the `typ` header and the audience. */
export async function signInternalToken(input: {
  secret: Uint8Array;
  kind: string;
  subject: string;
  ttlSec: number;
  claims: JWTPayload;
}): Promise<string> {
  return new SignJWT(input.claims)
    .setProtectedHeader({ alg: 'HS256', typ: input.kind })
    .setIssuer(INTERNAL_ISSUER)
    .setAudience(input.kind)
    .setSubject(input.subject)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + input.ttlSec)
    .setJti(crypto.randomUUID())
    .sign(input.secret);
}

/**
 * Verifies a token from {@link signInternalToken}. Checking both `typ` and audience means a token of one
 * kind (say an access token) is never accepted as another (a widget token), even under one secret.
 */
export async function verifyInternalToken(secret: Uint8Array, kind: string, token: string): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(token, secret, {
      algorithms: ['HS256'],
      issuer: INTERNAL_ISSUER,
      audience: kind,
      typ: kind,
      clockTolerance: 5,
      requiredClaims: ['exp', 'sub'],
    });
    return payload;
  } catch (error) {
    throw unauthenticated(`${kind} rejected: ${(error as { code?: string }).code ?? 'invalid'}`, error);
  }
}
