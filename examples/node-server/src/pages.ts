import type { HostUser } from './sessions.js';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const layout = (body: string) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>ACME intranet</title><meta name="viewport" content="width=device-width,initial-scale=1"></head>
<body>
${body}
</body>
</html>`;

/** The login page of the host app. */
export const loginPage = () =>
  layout(`<h1>ACME intranet</h1>
<form method="post" action="/login">
  <label>User <select name="user"><option value="alice">Alice</option><option value="bob">Bob</option></select></label>
  <button>Log in</button>
</form>`);

/**
 * The host app's home page with the chat launcher. No inline script (CSP-friendly): `/app.js` hands the
 * element a `getToken` that fetches widget tokens from this host. It runs before the widget script (module
 * scripts run in document order), so the element has its token provider from its very first request.
 */
export const homePage = (user: HostUser) =>
  layout(`<h1>Welcome, ${escapeHtml(user.name)}</h1>
<p>This page belongs to the host app. The chat in the corner is company-chat, signed in as you.</p>
<form method="post" action="/logout"><button>Log out</button></form>
<company-chat mode="launcher"></company-chat>
<script type="module" src="/app.js"></script>
<script type="module" src="/company-chat.js"></script>`);
