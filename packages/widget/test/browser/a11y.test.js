import '../../dist/company-chat.js';
import { axeClean, cleanup, createChat, equal, script, settled, waitFor } from './helpers.js';

const markdown =
  '## Result\n\nA [link](https://example.com) and `code`.\n\n```py\nprint(1)\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n';

describe('accessibility (axe-core)', () => {
  afterEach(cleanup);

  for (const mode of ['inline', 'page']) {
    for (const theme of ['light', 'dark']) {
      it(`${mode} mode, ${theme} theme, with a conversation and an error: no violations`, async () => {
        document.documentElement.lang = 'en';
        const el = await createChat({ mode, theme });
        await el.send(script({ chunks: [markdown] }));
        await settled(el, 2);
        await el.send(script({ chunks: ['x'], error: 'overloaded' }));
        await settled(el, 4);
        await axeClean(el);
      });
    }
  }

  it('launcher mode, open: no violations', async () => {
    const el = await createChat({ mode: 'launcher', open: '' });
    await el.send('hi');
    await settled(el, 2);
    await axeClean(el);
  });

  it('the log is not a live region; a status region announces start and end only', async () => {
    const el = await createChat();
    const list = el.shadowRoot.querySelector('cc-message-list').shadowRoot.querySelector('[role="log"]');
    equal(list.getAttribute('aria-live'), 'off', 'log not announced token by token');
    const status = el.shadowRoot.querySelector('[role="status"]');
    const announcements = [];
    new MutationObserver(() => announcements.push(status.textContent.trim())).observe(status, {
      childList: true,
      characterData: true,
      subtree: true,
    });
    await el.send(script({ chunks: ['a', 'b', 'c', 'd', 'e'], delayMs: 5 }));
    await settled(el, 2);
    await waitFor(() => announcements.includes('The answer is complete.'), 'completion announced');
    equal(
      [...new Set(announcements)].join(' | '),
      'The assistant is answering. | The answer is complete.',
      'announcements',
    );
  });
});
