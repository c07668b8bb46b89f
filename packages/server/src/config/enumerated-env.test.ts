import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workerSetupFromEnv } from '../workers/worker-setup-from-env.js';
import { ConfigError } from './config-from-env.js';
import { createServerStoresFromEnv } from './create-server-stores-from-env.js';
import { createStoreFromEnv, migrateFromEnv } from './create-store-from-env.js';
import { checkEnumeratedEnv, ENUMERATED_VARIABLES, enumFromEnv } from './enumerated-env.js';

describe('enumerated environment variables', () => {
  it.each(ENUMERATED_VARIABLES.map((v) => [v.name, v] as const))(
    '%s: every allowed value passes, anything else stops start-up naming the variable and the values',
    (name, variable) => {
      for (const allowed of variable.allowed)
        expect(() => checkEnumeratedEnv({ [name]: ` ${allowed} ` })).not.toThrow();
      expect(() => checkEnumeratedEnv({ [name]: '' })).not.toThrow();
      for (const bad of ['memry', 'yes', 'MEMORY', 'on']) {
        if (variable.allowed.includes(bad)) continue;
        const error = (() => {
          try {
            checkEnumeratedEnv({ [name]: bad });
          } catch (e) {
            return e;
          }
        })();
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as Error).message).toBe(
          `${name} must be ${variable.list ? 'a comma-separated list of' : 'one of'} ${variable.allowed.join(', ')} (or unset), got ${JSON.stringify(bad)}.`,
        );
      }
    },
  );

  it('checks each entry of a list variable', () => {
    expect(() => checkEnumeratedEnv({ COMPANY_CHAT_JWT_ALGORITHMS: 'RS256, ES256' })).not.toThrow();
    expect(() => checkEnumeratedEnv({ COMPANY_CHAT_JWT_ALGORITHMS: 'RS256,none' })).toThrow(
      /COMPANY_CHAT_JWT_ALGORITHMS must be a comma-separated list of .* got "none"/,
    );
  });

  it('enumFromEnv returns the value, or undefined when unset', () => {
    expect(enumFromEnv({ X: 'a' }, 'X', ['a', 'b'])).toBe('a');
    expect(enumFromEnv({ X: '  ' }, 'X', ['a'])).toBeUndefined();
    expect(() => enumFromEnv({ X: 'c' }, 'X', ['a', 'b'])).toThrow('X must be one of a, b (or unset), got "c".');
  });

  it('COMPANY_CHAT_STORE=memry refuses to open any store, and creates no database on disk', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'cc-enum-'));
    try {
      const env = { COMPANY_CHAT_STORE: 'memry' };
      const message = 'COMPANY_CHAT_STORE must be one of memory (or unset), got "memry".';
      await expect(createStoreFromEnv(env, cwd)).rejects.toThrow(message);
      await expect(createServerStoresFromEnv(env, cwd)).rejects.toThrow(message);
      await expect(migrateFromEnv(env, cwd)).rejects.toThrow(message);
      expect(readdirSync(cwd)).toEqual([]);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('the Workers setup refuses bad values too', async () => {
    await expect(workerSetupFromEnv({ COMPANY_CHAT_DEV: 'yes' })).rejects.toThrow(
      'COMPANY_CHAT_DEV must be one of 0, 1, true, false (or unset), got "yes".',
    );
  });
});
