/** The variables that configure a real identity, for messages that tell the operator what to set. */
export const IDENTITY_VARIABLES_HELP =
  'COMPANY_CHAT_JWT_SECRET or COMPANY_CHAT_JWKS_URL (your identity provider), COMPANY_CHAT_WIDGET_SECRET ' +
  '(widget tokens minted by your app), COMPANY_CHAT_ACCOUNTS_SECRET (built-in accounts) or ' +
  'COMPANY_CHAT_ADMIN_KEY (API keys); see docs/identity-and-quotas.md';

/** What decides whether the server may run in development mode. */
export interface DevModeInput {
  /** How development mode was asked for explicitly (`--dev`, `COMPANY_CHAT_DEV=1`), or undefined. */
  requestedBy: string | undefined;
  /** `COMPANY_CHAT_DEV=0`: development mode off even without an identity. */
  disabled: boolean;
  /** The identity settings configured (variable names), empty when none. */
  identity: readonly string[];
  /** The address the server binds. */
  host: string;
  /** `NODE_ENV`. */
  nodeEnv: string | undefined;
}

/** Development mode on or off (and why), or a refusal to start that says what to configure. */
export type DevModeDecision = { dev: boolean; reason: string } | { refuse: string };

/**
 * True for addresses only this machine can reach: `localhost`, 127.0.0.0/8 and `::1` (also
 * IPv4-mapped). `0.0.0.0` and `::` mean every interface, so they are not.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h.endsWith('.localhost') || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice(7) : h;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/**
 * Development mode (the unverified `X-User-Id` header names the user) is allowed only where nobody else
 * can send that header: on a loopback address, outside `NODE_ENV=production`, and never next to a real
 * identity, which the header would bypass. It is on by default while no identity is configured, so that
 * a first run on a laptop works. Every refusal names what to configure instead.
 */
export function decideDevMode(input: DevModeInput): DevModeDecision {
  const { requestedBy, identity, host, nodeEnv } = input;
  if (requestedBy !== undefined && identity.length > 0) {
    return {
      refuse:
        `${requestedBy} cannot be combined with a configured identity (${identity.join(', ')}): in development ` +
        'mode the unverified X-User-Id header would bypass it. Remove ' +
        `${requestedBy} to use the identity, or unset ${identity.join(', ')} for local development.`,
    };
  }
  const wanted = requestedBy !== undefined || (!input.disabled && identity.length === 0);
  if (!wanted) {
    return { dev: false, reason: identity.length > 0 ? 'an identity is configured' : 'COMPANY_CHAT_DEV=0' };
  }
  const why =
    requestedBy !== undefined
      ? `development mode (${requestedBy})`
      : 'development mode (the default while no identity is configured)';
  if (nodeEnv === 'production') {
    return {
      refuse:
        `Refusing to start in ${why} with NODE_ENV=production: development mode trusts the unverified ` +
        `X-User-Id header, so any client could act as any user. Configure an identity: ${IDENTITY_VARIABLES_HELP}.`,
    };
  }
  if (!isLoopbackHost(host)) {
    return {
      refuse:
        `Refusing to start in ${why} on ${host}: development mode trusts the unverified X-User-Id header, so ` +
        `anyone who can reach ${host} could act as any user. Configure an identity first: ${IDENTITY_VARIABLES_HELP}. ` +
        'For development on this machine only, bind to 127.0.0.1 (HOST=127.0.0.1 or --host 127.0.0.1).',
    };
  }
  return {
    dev: true,
    reason: requestedBy !== undefined ? `turned on with ${requestedBy}` : 'no identity is configured',
  };
}
