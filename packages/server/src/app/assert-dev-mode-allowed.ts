import { ConfigError } from '../config/config-error.js';
import { IDENTITY_VARIABLES_HELP, isLoopbackHost } from '../config/dev-mode-policy.js';
import type { ChatAppAuthOptions } from '../identity/chat-app-auth.js';

/**
 * Refuses development mode where the unverified `X-User-Id` header would be dangerous: next to a real
 * identity (the header would bypass it) and under `NODE_ENV=production`. The bind address is checked
 * by `serve()` and the CLI, which know it.
 */
export function assertDevModeAllowed(dev: boolean, auth: ChatAppAuthOptions): void {
  if (!dev) return;
  const identity = (['jwt', 'widgetTokens', 'apiKeys', 'accounts'] as const).filter((k) => auth[k] !== undefined);
  if (identity.length > 0) {
    throw new ConfigError(
      `createChatApp: dev: true (or COMPANY_CHAT_DEV=1) cannot be combined with ${identity.map((k) => `auth.${k}`).join(', ')}: ` +
        'in development mode the unverified X-User-Id header would bypass that identity. Drop dev to use it.',
    );
  }
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  if (env?.NODE_ENV === 'production') {
    throw new ConfigError(
      'createChatApp: dev: true (or COMPANY_CHAT_DEV=1) is refused with NODE_ENV=production: development mode trusts ' +
        'the unverified X-User-Id header. Configure auth (jwt, widgetTokens, apiKeys or accounts) instead.',
    );
  }
}

/** Refuses to bind an app in development mode to an address other machines can reach. */
export function assertDevAppBind(dev: boolean, hostname: string): void {
  if (!dev || isLoopbackHost(hostname)) return;
  throw new ConfigError(
    `Refusing to serve a development-mode app on ${hostname}: it trusts the unverified X-User-Id header, so ` +
      `anyone who can reach ${hostname} could act as any user. Bind to 127.0.0.1, or configure an identity ` +
      `(createChatApp({ auth }); with the CLI: ${IDENTITY_VARIABLES_HELP}) and drop dev.`,
  );
}
