import { ConfigError, type Env } from './config-from-env.js';

/** A variable whose value must be one of a fixed set, or with `list` a comma-separated list of them. */
export interface EnumeratedVariable {
  name: string;
  allowed: readonly string[];
  list?: boolean;
}

/**
 * Every enumerated variable the server reads. A typo in one of them (`COMPANY_CHAT_STORE=memry`) must
 * stop the server rather than silently select the default, which for the store means writing
 * conversations to disk where the operator expected none.
 */
export const ENUMERATED_VARIABLES: readonly EnumeratedVariable[] = [
  { name: 'COMPANY_CHAT_STORE', allowed: ['memory'] },
  { name: 'COMPANY_CHAT_DEV', allowed: ['0', '1', 'true', 'false'] },
  { name: 'COMPANY_CHAT_FILE_STORAGE', allowed: ['database', 'memory', 's3'] },
  { name: 'COMPANY_CHAT_S3_PATH_STYLE', allowed: ['true', 'false'] },
  { name: 'LOG_LEVEL', allowed: ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] },
  { name: 'COMPANY_CHAT_LOG_FORMAT', allowed: ['json', 'pretty'] },
  { name: 'COMPANY_CHAT_METRICS', allowed: ['on', 'off'] },
  {
    name: 'COMPANY_CHAT_JWT_ALGORITHMS',
    allowed: [
      'HS256',
      'HS384',
      'HS512',
      'RS256',
      'RS384',
      'RS512',
      'PS256',
      'PS384',
      'PS512',
      'ES256',
      'ES384',
      'ES512',
      'EdDSA',
      'Ed25519',
    ],
    list: true,
  },
];

/**
 * The value of an enumerated variable: `undefined` when unset or empty, else one of `allowed`; anything
 * else throws a {@link ConfigError} naming the variable and the allowed values.
 *
 * @example
 * ```ts
 * const store = enumFromEnv(process.env, 'COMPANY_CHAT_STORE', ['memory']); // 'memory' | undefined
 * ```
 */
export function enumFromEnv<T extends string>(env: Env, name: string, allowed: readonly T[]): T | undefined {
  const value = env[name]?.trim();
  if (!value) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw invalid(name, value, allowed);
  return value as T;
}

/** Checks every variable of {@link ENUMERATED_VARIABLES}; throws a {@link ConfigError} at the first bad one. */
export function checkEnumeratedEnv(env: Env): void {
  for (const variable of ENUMERATED_VARIABLES) {
    const value = env[variable.name]?.trim();
    if (!value) continue;
    const entries = variable.list ? value.split(',').map((v) => v.trim()) : [value];
    const bad = entries.find((entry) => !variable.allowed.includes(entry));
    if (bad !== undefined) throw invalid(variable.name, bad, variable.allowed, variable.list);
  }
}

function invalid(name: string, value: string, allowed: readonly string[], list = false): ConfigError {
  return new ConfigError(
    `${name} must be ${list ? 'a comma-separated list of' : 'one of'} ${allowed.join(', ')} (or unset), got ${JSON.stringify(value)}.`,
  );
}
