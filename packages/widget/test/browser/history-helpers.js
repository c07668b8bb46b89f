// Helpers of the conversation-history tests (recent chats, sidebar, drawer).
import { deep, endpoint } from './helpers.js';

/** The conversation list's shadow root, once its lazily loaded element has rendered; else null. */
export function listOf(el) {
  return deep(el, 'cc-sidebar')?.shadowRoot ?? null;
}

/** The listed conversations (`<li>`s, without the load-more sentinel). */
export function listItems(el) {
  return [...(listOf(el)?.querySelectorAll('li:not(.more)') ?? [])];
}

/** The listed titles, in order. */
export function listTitles(el) {
  return listItems(el).map((li) => li.querySelector('button.open')?.textContent.trim());
}

/** Clicks the listed conversation whose title contains `text`. */
export function pick(el, text) {
  const item = listItems(el).find((li) => li.textContent.includes(text));
  if (!item) throw new Error(`no listed conversation with "${text}"`);
  item.querySelector('button.open').click();
}

/** Stores conversations for `user` directly on the test server (oldest first); resolves to their ids. */
export async function seed(user, titles) {
  const res = await fetch(`${endpoint}/__seed`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user, titles }),
  });
  return (await res.json()).ids;
}

/** Types into the list's search field as a user would (one input event per value). */
export function search(el, value) {
  const input = listOf(el).querySelector('input[type="search"]');
  input.value = value;
  input.dispatchEvent(new Event('input'));
}
