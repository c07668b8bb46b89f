// Every story of the built Storybook (storybook-static, built by `test:browser`) renders its state.
import { executeServerCommand } from '@web/test-runner-commands';
import { assert, cleanup, waitFor } from './helpers.js';

const base = '/packages/widget/storybook-static/iframe.html?viewMode=story&id=company-chat--';

async function open(id) {
  const frame = document.createElement('iframe');
  frame.style.width = '1000px';
  frame.style.height = '700px';
  frame.src = base + id;
  document.body.append(frame);
  const chat = await waitFor(
    () =>
      frame.contentDocument?.querySelector('company-chat')?.shadowRoot &&
      frame.contentDocument.querySelector('company-chat'),
    `story ${id}`,
  );
  return { frame, chat };
}

const expectations = {
  empty: (s) => s.messages.length === 0,
  streaming: (s) => s.status === 'streaming' && s.messages[1]?.content.length > 100,
  'long-answer': (s) => s.status === 'idle' && s.messages[1]?.status === 'complete',
  'error-in-place': (s) => s.messages[1]?.status === 'error' && s.error?.code === 'overloaded',
  'quota-exceeded': (s) => s.error?.code === 'quota_exceeded',
  'page-many-conversations': (s) => s.messages[1]?.status === 'complete',
  dark: (s) => s.messages[1]?.status === 'complete',
  'right-to-left': (s) => s.messages[1]?.status === 'complete',
  launcher: (s) => s.messages[1]?.status === 'complete',
};

describe('Storybook stories', () => {
  afterEach(cleanup);

  for (const [id, ready] of Object.entries(expectations)) {
    it(`${id} renders its state`, async () => {
      const { chat } = await open(id);
      await waitFor(() => ready(chat.chat.getSnapshot()), `${id} state`);
      if (id === 'page-many-conversations') {
        const items = () => chat.shadowRoot.querySelector('cc-sidebar')?.shadowRoot.querySelectorAll('li').length;
        await waitFor(() => items() === 40, '40 conversations');
        await new Promise((r) => setTimeout(r, 100));
        const path = await executeServerCommand('cc-screenshot', { name: 'story-page-many-conversations' });
        assert(path, 'screenshot');
      }
    });
  }
});
