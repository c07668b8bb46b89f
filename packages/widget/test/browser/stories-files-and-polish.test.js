// The "files and polish" stories of the built Storybook (storybook-static) show their states.
import { assert, cleanup, waitFor } from './helpers.js';

const base = '/packages/widget/storybook-static/iframe.html?viewMode=story&id=company-chat-files-and-polish--';
const inside = (root, ...selectors) =>
  selectors.reduce((node, selector) => (node?.shadowRoot ?? node)?.querySelector(selector) ?? null, root);

async function story(id) {
  const frame = document.createElement('iframe');
  Object.assign(frame.style, { width: '1000px', height: '700px' });
  frame.src = base + id;
  document.body.append(frame);
  return waitFor(
    () =>
      frame.contentDocument?.querySelector('company-chat')?.shadowRoot &&
      frame.contentDocument.querySelector('company-chat'),
    id,
  );
}

const expectations = {
  suggestions: (chat) => chat.shadowRoot.querySelectorAll('[part="suggestion"]').length === 3,
  'names-and-avatars': (chat) => inside(chat, 'cc-message-list', 'cc-message', '[part="avatar"]'),
  'sent-attachments': (chat) =>
    inside(chat, 'cc-message-list', 'cc-message')?.shadowRoot.querySelectorAll('[part="sent-attachment"]').length ===
      2 && inside(chat, 'cc-composer', '[part="attachment"]') === null,
  'my-files': (chat) =>
    inside(chat, 'cc-chat-tools')?.shadowRoot.querySelectorAll('[part="file"]').length === 3 &&
    inside(chat, 'cc-chat-tools', 'dialog').textContent.includes('processing…'),
  'jump-to-latest': (chat) => inside(chat, 'cc-message-list', '[part="scroll-button"]'),
};

describe('Storybook stories: files and polish', () => {
  afterEach(cleanup);
  for (const [id, ready] of Object.entries(expectations)) {
    it(`${id} renders its state`, async () => {
      const chat = await story(id);
      assert(await waitFor(() => ready(chat), `${id} state`), id);
    });
  }
});
