import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv } from './config-from-env.js';

const summary = (env: Record<string, string>) => {
  const config = configFromEnv(env);
  return Object.fromEntries(Object.entries(config.models).map(([alias, m]) => [alias, `${m.provider}:${m.modelId}`]));
};

describe('configFromEnv', () => {
  it('configures nothing from an empty environment, with defaults for port and host', () => {
    const config = configFromEnv({});
    expect(config.models).toEqual({});
    expect(config.served).toEqual([]);
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', systemPrompt: undefined, warnings: [] });
  });

  it('maps OpenAI, and an OpenAI-compatible base URL, to the openai alias and default', () => {
    expect(summary({ OPENAI_API_KEY: 'sk-1' })).toEqual({
      default: 'openai:gpt-4o-mini',
      openai: 'openai:gpt-4o-mini',
    });
    expect(summary({ OPENAI_BASE_URL: 'http://localhost:11434/v1', OPENAI_MODEL: 'llama3.2' })).toEqual({
      default: 'openai-compatible:llama3.2',
      openai: 'openai-compatible:llama3.2',
    });
  });

  it('reads the follow-up rewrite model: an alias, a model on a configured provider, or off', () => {
    const openaiEnv = { OPENAI_API_KEY: 'sk-1', ANTHROPIC_API_KEY: 'sk-ant' };
    expect(configFromEnv(openaiEnv).queryRewriteModel).toBeUndefined();
    expect(configFromEnv({ ...openaiEnv, COMPANY_CHAT_QUERY_REWRITE_MODEL: 'off' }).queryRewriteModel).toBeUndefined();
    expect(configFromEnv({ ...openaiEnv, COMPANY_CHAT_QUERY_REWRITE_MODEL: 'openai' }).queryRewriteModel).toBe(
      'openai',
    );
    const nano = configFromEnv({ ...openaiEnv, COMPANY_CHAT_QUERY_REWRITE_MODEL: 'anthropic:claude-haiku-4-5' });
    expect(nano.queryRewriteModel).toMatchObject({ provider: 'anthropic', modelId: 'claude-haiku-4-5' });
    expect(() => configFromEnv({ ...openaiEnv, COMPANY_CHAT_QUERY_REWRITE_MODEL: 'azure:mini' })).toThrow(
      /COMPANY_CHAT_QUERY_REWRITE_MODEL must be off, a configured model alias \(default, openai, anthropic\)/,
    );
    expect(() => configFromEnv({ COMPANY_CHAT_QUERY_REWRITE_MODEL: 'default' })).toThrow(ConfigError);
  });

  it('maps Azure OpenAI and Anthropic', () => {
    expect(
      summary({
        AZURE_OPENAI_ENDPOINT: 'https://acme.openai.azure.com',
        AZURE_OPENAI_API_KEY: 'k',
        AZURE_OPENAI_DEPLOYMENT: 'gpt-4o-prod',
        AZURE_OPENAI_API_VERSION: '2024-10-21',
      }),
    ).toEqual({ default: 'azure:gpt-4o-prod', azure: 'azure:gpt-4o-prod' });
    expect(summary({ ANTHROPIC_API_KEY: 'k', ANTHROPIC_MODEL: 'claude-x' })).toEqual({
      default: 'anthropic:claude-x',
      anthropic: 'anthropic:claude-x',
    });
  });

  it('routes default over every configured provider in order when there are several', () => {
    const config = configFromEnv({ ANTHROPIC_API_KEY: 'k', OPENAI_API_KEY: 'sk' });
    expect(Object.keys(config.models)).toEqual(['default', 'openai', 'anthropic']);
    expect(config.models.default?.provider).toBe('router');
    expect(config.served[0]).toEqual({ alias: 'default', provider: 'router', model: 'openai → anthropic' });
  });

  it('never puts keys in what it reports, only endpoint origins', () => {
    const config = configFromEnv({
      OPENAI_API_KEY: 'sk-secret',
      OPENAI_BASE_URL: 'http://user:pw@127.0.0.1:8080/v1?x=1',
    });
    const text = JSON.stringify(config.served);
    expect(text).not.toContain('sk-secret');
    expect(text).not.toContain('pw');
    expect(config.served[1]).toEqual({
      alias: 'openai',
      provider: 'openai-compatible',
      model: 'gpt-4o-mini',
      endpoint: 'http://127.0.0.1:8080',
    });
  });

  it('warns about half-configured providers instead of failing', () => {
    const config = configFromEnv({
      AZURE_OPENAI_ENDPOINT: 'https://acme.openai.azure.com',
      ANTHROPIC_BASE_URL: 'http://x',
    });
    expect(config.models).toEqual({});
    expect(config.warnings).toEqual([
      'Azure OpenAI is not configured: AZURE_OPENAI_API_KEY and AZURE_OPENAI_DEPLOYMENT missing.',
      'ANTHROPIC_API_KEY is not set: Anthropic is not configured.',
    ]);
  });

  it('reads PORT, HOST and the system prompt, and rejects values that cannot work', () => {
    expect(configFromEnv({ PORT: '8080', HOST: '0.0.0.0', COMPANY_CHAT_SYSTEM_PROMPT: 'Be brief.' })).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      systemPrompt: 'Be brief.',
    });
    expect(() => configFromEnv({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => configFromEnv({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => configFromEnv({ OPENAI_BASE_URL: 'localhost:11434' })).toThrow(
      /OPENAI_BASE_URL must be an http\(s\) URL/,
    );
  });
});
