/**
 * Plays a server from before the branch, quota and feedback routes: those paths get the server's JSON 404 for unmatched
 * routes (same body as createChatApp's notFound handler); everything else goes to the real server.
 */
export const olderServer: typeof fetch = async (input, init) => {
  const url = new URL(String(input));
  if (/\/(regenerate|edit|active-leaf|quota|feedback)$/.test(url.pathname)) {
    const body = { error: { code: 'not_found', message: `No route for ${init?.method ?? 'GET'} ${url.pathname}.` } };
    return new Response(JSON.stringify(body), { status: 404, headers: { 'content-type': 'application/json' } });
  }
  return fetch(input, init);
};
