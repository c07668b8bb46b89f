import {
  type CryptoKey,
  createRemoteJWKSet,
  importJWK,
  importSPKI,
  type JWK,
  type JWSHeaderParameters,
  type JWTPayload,
  jwtVerify,
  type KeyObject,
} from 'jose';
import { unauthenticated } from './auth-errors.js';
import { type ClaimMapping, principalFromClaims } from './claim-mapping.js';
import type { Principal } from './principal.js';

/** Symmetric algorithms: only for keys given as a shared `secret`. */
export type HmacAlgorithm = 'HS256' | 'HS384' | 'HS512';
/** Asymmetric algorithms: only for public keys (PEM, JWK or a JWKS URL). */
export type AsymmetricAlgorithm =
  | 'RS256'
  | 'RS384'
  | 'RS512'
  | 'PS256'
  | 'PS384'
  | 'PS512'
  | 'ES256'
  | 'ES384'
  | 'ES512'
  | 'EdDSA'
  | 'Ed25519';

/** Where the verification key comes from, with the algorithms allowed for it. */
export type JwtKeySource =
  | { secret: string | Uint8Array; algorithms?: HmacAlgorithm[] }
  | { jwksUrl: string | URL; algorithms: AsymmetricAlgorithm[] }
  | { publicKey: string | JWK; algorithms: AsymmetricAlgorithm[] };

/** Options of {@link createJwtVerifier}: one identity provider. */
export type JwtVerifierOptions = JwtKeySource & {
  /** Required `iss`. Strongly recommended. */
  issuer?: string | string[];
  /** Required `aud`. Strongly recommended. */
  audience?: string | string[];
  /** Seconds of clock skew tolerated for `exp`/`nbf`/`iat`. Default 30. */
  clockToleranceSec?: number;
  /** Tokens without `exp` are refused unless this is false. Default true. */
  requireExp?: boolean;
  claims?: ClaimMapping;
};

/** Verifies a bearer JWT from the company's identity provider and maps it to a principal. */
export type JwtVerifier = (token: string) => Promise<Principal>;

const hmac = new Set<string>(['HS256', 'HS384', 'HS512']);

/**
 * Builds a verifier for one identity provider. Algorithm confusion is closed twice: the allowlist of
 * each key source may only hold algorithms of that key's family (checked here, at configuration time),
 * and jose refuses a key whose type does not match the token's `alg`. `alg: none` is never allowed.
 *
 * @example
 * ```ts
 * const verify = createJwtVerifier({
 *   jwksUrl: 'https://login.example.com/.well-known/jwks.json', algorithms: ['RS256'],
 *   issuer: 'https://login.example.com/', audience: 'company-chat', claims: { tenantClaim: 'org_id' },
 * });
 * const principal = await verify(token);
 * ```
 */
export function createJwtVerifier(options: JwtVerifierOptions): JwtVerifier {
  const { algorithms, key } = resolveKey(options);
  const verifyOptions = {
    algorithms,
    issuer: options.issuer,
    audience: options.audience,
    clockTolerance: options.clockToleranceSec ?? 30,
    requiredClaims: options.requireExp === false ? [] : ['exp'],
  };
  const claims = options.claims ?? {};
  return async (token) => {
    let payload: JWTPayload;
    try {
      // jose's overloads differ for a key and a key function; both are valid here.
      ({ payload } = await jwtVerify(token, key as Parameters<typeof jwtVerify>[1], verifyOptions));
    } catch (error) {
      throw unauthenticated(`jwt rejected: ${(error as { code?: string }).code ?? 'invalid'}`, error);
    }
    return principalFromClaims(payload, claims, 'jwt');
  };
}

type KeyInput = Uint8Array | ((header: JWSHeaderParameters) => Promise<CryptoKey | KeyObject | Uint8Array>);

function resolveKey(options: JwtKeySource): { algorithms: string[]; key: KeyInput } {
  if ('secret' in options) {
    const algorithms = options.algorithms ?? ['HS256'];
    assertFamily(algorithms, true);
    const secret = typeof options.secret === 'string' ? new TextEncoder().encode(options.secret) : options.secret;
    // RFC 7518 §3.2: an HMAC key must be at least as long as the hash output.
    if (secret.byteLength < 32) throw new Error('JWT secret must be at least 32 bytes');
    return { algorithms, key: secret };
  }
  assertFamily(options.algorithms, false);
  if ('jwksUrl' in options) {
    const jwks = createRemoteJWKSet(new URL(options.jwksUrl));
    return { algorithms: options.algorithms, key: jwks as KeyInput };
  }
  const source = options.publicKey;
  if (typeof source === 'string' && !source.includes('PUBLIC KEY')) {
    throw new Error('publicKey must be a PEM public key (SPKI) or a public JWK');
  }
  if (typeof source === 'object' && ('d' in source || source.kty === 'oct')) {
    throw new Error('publicKey must be a public key, not a private or symmetric one');
  }
  const cache = new Map<string, Promise<CryptoKey | KeyObject | Uint8Array>>();
  return {
    algorithms: options.algorithms,
    key: (header) => {
      // jose has already checked header.alg against the allowlist before calling this.
      const alg = header.alg ?? '';
      let imported = cache.get(alg);
      if (imported === undefined) {
        imported = typeof source === 'string' ? importSPKI(source, alg) : importJWK(source, alg);
        cache.set(alg, imported);
      }
      return imported;
    },
  };
}

function assertFamily(algorithms: string[], symmetric: boolean): void {
  if (algorithms.length === 0) throw new Error('JWT algorithm allowlist is empty');
  for (const alg of algorithms) {
    if (alg.toLowerCase() === 'none') throw new Error('JWT algorithm "none" is never allowed');
    if (hmac.has(alg) !== symmetric) {
      throw new Error(
        symmetric
          ? `algorithm ${alg} needs a public key, not a shared secret`
          : `algorithm ${alg} needs a shared secret; HMAC with a public key enables algorithm confusion`,
      );
    }
  }
}
