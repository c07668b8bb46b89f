import { anthropic, azureOpenAI, type ChatModel, openai, router } from '@company-chat/core';
import { ConfigError } from './config-error.js';
import { providerTimeoutsFromEnv } from './timeouts-from-env.js';

/** Environment variables, as in `process.env`. */
export type Env = Record<string, string | undefined>;

/** One model alias the server offers, for the start-up log (never contains keys). */
export interface ServedModel {
  alias: string;
  provider: string;
  model: string;
  /** Origin of a non-default endpoint, e.g. `http://127.0.0.1:11434`. */
  endpoint?: string;
}

/** What {@link configFromEnv} derives from the environment. */
export interface EnvConfig {
  /** Alias → model: one alias per configured provider (`openai`, `azure`, `anthropic`) plus `default`. */
  models: Record<string, ChatModel>;
  served: ServedModel[];
  systemPrompt: string | undefined;
  /**
   * `COMPANY_CHAT_QUERY_REWRITE_MODEL`: the alias (or a model of its own) that rewrites follow-up
   * questions for the knowledge-base search; absent: follow-ups are searched with weighted earlier questions.
   */
  queryRewriteModel?: string | ChatModel;
  port: number;
  host: string;
  /** Half-configured providers and other things the operator should fix. */
  warnings: string[];
}

/** The variables that configure models, for messages that tell the operator what to set. */
export const MODEL_VARIABLES_HELP = [
  'OPENAI_API_KEY (and optionally OPENAI_MODEL) for OpenAI',
  'OPENAI_BASE_URL (and OPENAI_MODEL) for an OpenAI-compatible server such as Ollama, vLLM or LM Studio',
  'AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY and AZURE_OPENAI_DEPLOYMENT (and optionally AZURE_OPENAI_API_VERSION) for Azure OpenAI',
  'ANTHROPIC_API_KEY (and optionally ANTHROPIC_MODEL, ANTHROPIC_BASE_URL) for Anthropic',
];

const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';
const DEFAULT_ANTHROPIC_MODEL = 'claude-sonnet-4-6';

export { ConfigError } from './config-error.js';

const value = (env: Env, name: string): string | undefined => {
  const v = env[name]?.trim();
  return v ? v : undefined;
};

function url(env: Env, name: string): string | undefined {
  const v = value(env, name);
  if (v === undefined) return undefined;
  try {
    const parsed = new URL(v);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http(s)');
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL, got ${JSON.stringify(v)}`);
  }
  return v;
}

const origin = (u: string) => new URL(u).origin;

/**
 * Builds the server's model configuration from environment variables (`OPENAI_*`, `AZURE_OPENAI_*`,
 * `ANTHROPIC_*`, `COMPANY_CHAT_PROVIDER_*_TIMEOUT_MS`, `COMPANY_CHAT_SYSTEM_PROMPT`, `PORT`, `HOST`). Each configured provider gets its own
 * alias; `default` is the only one when there is one, else a router that tries them in that order and
 * falls back before the first token. With none configured, `models` is empty (the chat endpoint then
 * answers 503 `no_model_configured`).
 */
export function configFromEnv(env: Env): EnvConfig {
  const models: Record<string, ChatModel> = {};
  const served: ServedModel[] = [];
  const warnings: string[] = [];
  // Each configured provider's factory, for a rewrite model on the same account (`openai:gpt-4.1-nano`).
  const builders: Record<string, (model: string) => ChatModel> = {};

  const timeouts = providerTimeoutsFromEnv(env);
  // The SDK's own timeout ends at the response headers: a provider that never answers is caught by it.
  const connection = { ...timeouts, timeout: timeouts.firstTokenTimeoutMs || undefined };
  const openaiKey = value(env, 'OPENAI_API_KEY');
  const openaiBase = url(env, 'OPENAI_BASE_URL');
  if (openaiKey || openaiBase) {
    const model = value(env, 'OPENAI_MODEL') ?? DEFAULT_OPENAI_MODEL;
    builders.openai = (id) => openai({ apiKey: openaiKey, baseURL: openaiBase, model: id, ...connection });
    models.openai = builders.openai(model);
    served.push({
      alias: 'openai',
      provider: models.openai.provider,
      model,
      ...(openaiBase ? { endpoint: origin(openaiBase) } : {}),
    });
  } else if (value(env, 'OPENAI_MODEL')) {
    warnings.push('OPENAI_MODEL is set but neither OPENAI_API_KEY nor OPENAI_BASE_URL is: OpenAI is not configured.');
  }

  const azureEndpoint = url(env, 'AZURE_OPENAI_ENDPOINT');
  const azureKey = value(env, 'AZURE_OPENAI_API_KEY');
  const deployment = value(env, 'AZURE_OPENAI_DEPLOYMENT');
  if (azureEndpoint && azureKey && deployment) {
    const apiVersion = value(env, 'AZURE_OPENAI_API_VERSION');
    builders.azure = (id) =>
      azureOpenAI({ endpoint: azureEndpoint, apiKey: azureKey, deployment: id, apiVersion, ...connection });
    models.azure = builders.azure(deployment);
    served.push({ alias: 'azure', provider: 'azure', model: deployment, endpoint: origin(azureEndpoint) });
  } else if (azureEndpoint || azureKey || deployment) {
    const missing = [
      ['AZURE_OPENAI_ENDPOINT', azureEndpoint],
      ['AZURE_OPENAI_API_KEY', azureKey],
      ['AZURE_OPENAI_DEPLOYMENT', deployment],
    ]
      .filter(([, v]) => !v)
      .map(([name]) => name);
    warnings.push(`Azure OpenAI is not configured: ${missing.join(' and ')} missing.`);
  }

  const anthropicKey = value(env, 'ANTHROPIC_API_KEY');
  const anthropicBase = url(env, 'ANTHROPIC_BASE_URL');
  if (anthropicKey) {
    const model = value(env, 'ANTHROPIC_MODEL') ?? DEFAULT_ANTHROPIC_MODEL;
    builders.anthropic = (id) => anthropic({ apiKey: anthropicKey, baseURL: anthropicBase, model: id, ...connection });
    models.anthropic = builders.anthropic(model);
    served.push({
      alias: 'anthropic',
      provider: 'anthropic',
      model,
      ...(anthropicBase ? { endpoint: origin(anthropicBase) } : {}),
    });
  } else if (anthropicBase || value(env, 'ANTHROPIC_MODEL')) {
    warnings.push('ANTHROPIC_API_KEY is not set: Anthropic is not configured.');
  }

  const configured = Object.values(models);
  const withDefault: Record<string, ChatModel> = {};
  if (configured.length === 1) {
    withDefault.default = configured[0]!;
    served.unshift({ ...served[0]!, alias: 'default' });
  } else if (configured.length > 1) {
    withDefault.default = router({ routes: configured });
    served.unshift({ alias: 'default', provider: 'router', model: served.map((s) => s.alias).join(' → ') });
  }

  const all = { ...withDefault, ...models };
  const queryRewriteModel = rewriteModelFromEnv(env, all, builders);
  return {
    models: all,
    served,
    systemPrompt: value(env, 'COMPANY_CHAT_SYSTEM_PROMPT'),
    ...(queryRewriteModel === undefined ? {} : { queryRewriteModel }),
    port: port(env),
    host: value(env, 'HOST') ?? '127.0.0.1',
    warnings,
  };
}

/**
 * `COMPANY_CHAT_QUERY_REWRITE_MODEL`: `off` or unset (none), a configured alias (`default`, `openai`,
 * `azure`, `anthropic`), or `<provider>:<model>` for a cheaper model on a configured provider's account.
 */
function rewriteModelFromEnv(
  env: Env,
  models: Record<string, ChatModel>,
  builders: Record<string, (model: string) => ChatModel>,
): string | ChatModel | undefined {
  const name = 'COMPANY_CHAT_QUERY_REWRITE_MODEL';
  const v = value(env, name);
  if (v === undefined || v === 'off') return undefined;
  if (models[v]) return v;
  const [provider, ...rest] = v.split(':');
  const model = rest.join(':').trim();
  const build = provider ? builders[provider.trim()] : undefined;
  if (build && model) return build(model);
  const configured = Object.keys(models);
  throw new ConfigError(
    `${name} must be off, a configured model alias (${configured.join(', ') || 'none configured'}) or <provider>:<model> for a configured provider (${Object.keys(builders).join(', ') || 'none'}), got ${JSON.stringify(v)}`,
  );
}

function port(env: Env): number {
  const v = value(env, 'PORT');
  if (v === undefined) return 3000;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n > 65535)
    throw new ConfigError(`PORT must be a port number (0-65535), got ${JSON.stringify(v)}`);
  return n;
}
