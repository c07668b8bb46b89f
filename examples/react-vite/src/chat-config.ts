/** Where the company-chat server runs: `VITE_CHAT_ENDPOINT` at build time, else a local `company-chat serve`. */
export const endpoint: string = import.meta.env.VITE_CHAT_ENDPOINT ?? 'http://localhost:3000';

/**
 * Against a server in development mode the `X-User-Id` header names the user. A real app passes
 * `getToken` instead (a widget token its backend minted for the logged-in user).
 */
export const headers = { 'X-User-Id': 'example-user' };
