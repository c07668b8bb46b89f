// Shared helpers of the browser tests (plain ES modules, run in Chromium).
import { executeServerCommand } from '@web/test-runner-commands';
import { endpoint } from '/__cc-test-config.js';

export { endpoint };

// Every test file imports this module: any uncaught error in the page (Playwright's `pageerror`, also
// from event handlers and promises nobody awaits) fails the test during which it happened.
afterEach(async () => {
  const errors = await executeServerCommand('cc-page-errors');
  if (errors.length > 0) throw new Error(`Uncaught error in the page:\n${errors.join('\n')}`);
});

/** Fails the test with `message` unless `condition` holds. */
export function assert(condition, message) {
  if (!condition) throw new Error(`Assertion failed: ${message}`);
}

/** Asserts strict equality with a readable message. */
export function equal(actual, expected, message) {
  if (actual !== expected) {
    throw new Error(`${message}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

/** Polls `fn` until it returns a truthy value (no wall-clock assertions: the timeout only bounds a hang). */
export async function waitFor(fn, what = 'condition', timeout = 15000) {
  const start = performance.now();
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (performance.now() - start > timeout) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

let users = 0;
/** A unique user per chat, so tests never see each other's conversations. */
export function newUser() {
  return `u${Date.now().toString(36)}${(users++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** Creates `<company-chat>` against the test server in a sized container. */
export async function createChat(attrs = {}, { user = newUser(), width = 760, height = 560 } = {}) {
  const box = document.createElement('div');
  box.style.width = `${width}px`;
  box.style.height = `${height}px`;
  const el = document.createElement('company-chat');
  el.setAttribute('endpoint', endpoint);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.headers = { 'x-user-id': user };
  box.append(el);
  document.body.append(box);
  await el.updateComplete;
  return el;
}

/** Removes everything a test added to the body. */
export function cleanup() {
  document.body.replaceChildren();
  // The widget remembers the open conversation (storage, and the URL in page mode): the next test starts afresh.
  localStorage.clear();
  sessionStorage.clear();
  history.replaceState(history.state, '', location.pathname + location.search);
}

/** querySelector through a chain of shadow roots: `deep(el, 'cc-composer', 'textarea')`. */
export function deep(root, ...selectors) {
  let node = root;
  for (const selector of selectors) {
    node = (node.shadowRoot ?? node).querySelector(selector);
    if (!node) return null;
  }
  return node;
}

/** All `cc-message` elements of a chat. */
export function messages(el) {
  const list = deep(el, 'cc-message-list');
  return list ? [...list.shadowRoot.querySelectorAll('cc-message')] : [];
}

/** The rendered body of message `i` (its markdown shadow root for answers). */
export function messageBody(el, i) {
  const m = messages(el)[i];
  if (!m) return null;
  const md = m.shadowRoot.querySelector('cc-markdown');
  return md ? md.shadowRoot : m.shadowRoot.querySelector('.bubble');
}

/** Waits for the chat to be idle with at least `count` messages, the last one finished. */
export async function settled(el, count) {
  await waitFor(() => {
    const s = el.chat.getSnapshot();
    return s.status !== 'streaming' && s.messages.length >= count;
  }, `${count} settled messages`);
  await el.updateComplete;
  await new Promise((r) => requestAnimationFrame(() => r()));
  // Answers finish rendering in animation frames of their own (time-sliced bursts, a deferred tail).
  for (const m of messages(el)) await m.shadowRoot?.querySelector('cc-markdown')?.settled;
  await lazyParts(el);
}

/**
 * Waits until the lazily loaded parts of the chat's messages (feedback, error notices, sources: files of
 * their own, fetched when first shown) are defined and rendered.
 */
export async function lazyParts(el) {
  for (const m of messages(el)) {
    for (const part of m.shadowRoot?.querySelectorAll(
      'cc-feedback, cc-error-notice, cc-citations, cc-message-actions',
    ) ?? []) {
      // The registry of the element's own window (a chat may live in an iframe).
      await part.ownerDocument.defaultView.customElements.whenDefined(part.localName);
      await part.updateComplete;
    }
  }
}

/**
 * Fails the test on any axe-core violation inside `root` (after its animations end: contrast is measured
 * on what is painted). axe-core loads with the first call.
 */
export async function axeClean(root, what = '') {
  await import('/node_modules/.pnpm/axe-core@4.14.1/node_modules/axe-core/axe.min.js');
  const animated = root.shadowRoot ?? root;
  await Promise.all(animated.getAnimations({ subtree: true }).map((a) => a.finished));
  const result = await window.axe.run(root, { resultTypes: ['violations'] });
  const summary = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  equal(summary.join('\n'), '', `axe violations${what ? ` (${what})` : ''}`);
}

/**
 * Records the URL of every request the page makes with `fetch` (counted where it is made) until
 * `restore()`; `urls` fills as requests start.
 */
export function spyOnFetch() {
  const urls = [];
  const realFetch = window.fetch;
  window.fetch = (input, init) => {
    urls.push(String(input instanceof Request ? input.url : input));
    return realFetch(input, init);
  };
  return { urls, restore: () => (window.fetch = realFetch) };
}

/** The user message that makes the scripted test model follow a script (see scripted-chat-model.ts). */
export function script(s) {
  return `#script ${JSON.stringify(s)}`;
}

/** Opens the gate a scripted answer waits at (`script({ ..., waitAt: name })`). */
export async function openGate(name) {
  await fetch(`${endpoint}/__gates/${encodeURIComponent(name)}`, { method: 'POST' });
}

/** Lists what the test server received (method + path + query). */
export async function serverRequests() {
  const res = await fetch(`${endpoint}/__requests`);
  return res.json();
}
