// Gives <company-chat> its credentials: a short-lived widget token minted by the host for the logged-in
// user. The widget calls getToken again (with refresh: true) when the server answers 401.
const chat = document.querySelector('company-chat');
chat.getToken = async () => {
  const res = await fetch('/chat-token', { credentials: 'same-origin' });
  if (!res.ok) throw new Error('not logged in');
  return (await res.json()).token;
};
