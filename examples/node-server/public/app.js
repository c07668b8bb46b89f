// Gives <company-chat> its credentials: a short-lived widget token minted by the host for the logged-in
// user. Loaded before the widget script: Lit keeps properties set before the element upgrades, so even the
// widget's first request is authenticated. The widget calls getToken again (with refresh: true) when the server answers 401.
const chat = document.querySelector('company-chat');
chat.getToken = async () => {
  const res = await fetch('/chat-token', { credentials: 'same-origin' });
  if (!res.ok) throw new Error('not logged in');
  return (await res.json()).token;
};
