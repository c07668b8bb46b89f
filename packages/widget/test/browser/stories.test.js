// Every story of the built Storybook (storybook-static, built by `test:browser`) renders its state.
import { executeServerCommand } from '@web/test-runner-commands';
import { assert, cleanup, equal, waitFor } from './helpers.js';

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
  'code-and-math': (s) => s.status === 'idle' && s.messages[1]?.content.includes('$$'),
  'math-off': (s) => s.status === 'idle' && s.messages[1]?.content.includes('$$'),
  'error-in-place': (s) => s.messages[1]?.status === 'error' && s.error?.code === 'overloaded',
  'quota-exceeded': (s) => s.error?.code === 'quota_exceeded' && s.error.limit === 'tokensPerDay' && !!s.error.retryAt,
  'quota-warning': (s) => s.messages[1]?.status === 'complete',
  'cited-answer': (s) => s.messages[1]?.status === 'complete' && s.messages[1].citations.length === 1,
  'cited-passage-open': (s) => s.messages[1]?.status === 'complete' && s.messages[1].citations.length === 1,
  'page-many-conversations': (s) => s.messages[1]?.status === 'complete',
  dark: (s) => s.messages[1]?.status === 'complete',
  'right-to-left': (s) => s.messages[1]?.status === 'complete',
  launcher: (s) => s.messages[1]?.status === 'complete',
  'recent-chats': (s) => s.messages.length === 0,
  'phone-drawer-closed': (s) => s.messages[1]?.status === 'complete',
  'phone-drawer-open': (s) => s.messages.length === 0,
  'search-matches': (s) => s.messages.length === 0,
  'search-no-matches': (s) => s.messages.length === 0,
};

/** The conversation list's shadow root in a story, once loaded and rendered. */
const listIn = (chat) => chat.shadowRoot.querySelector('cc-sidebar')?.shadowRoot ?? null;

// What each conversation-list story must show, beyond its chat state.
const listStates = {
  'recent-chats': (list) => list?.querySelectorAll('li:not(.more)').length === 50 && list.querySelector('.more'),
  'phone-drawer-closed': (list, chat) => !list && chat.shadowRoot.querySelector('.page.drawer'),
  'phone-drawer-open': (list, chat) =>
    list?.querySelectorAll('li').length === 12 && chat.shadowRoot.querySelector('.page.drawer'),
  'search-matches': (list) =>
    list?.querySelectorAll('li').length === 8 &&
    [...list.querySelectorAll('mark')].map((m) => m.textContent).includes('trouble'),
  'search-no-matches': (list) => list?.querySelector('.empty')?.textContent.trim() === 'No matches',
};

describe('Storybook stories', () => {
  afterEach(cleanup);

  for (const [id, ready] of Object.entries(expectations)) {
    it(`${id} renders its state`, async () => {
      const { chat } = await open(id);
      await waitFor(() => ready(chat.chat.getSnapshot()), `${id} state`);
      if (id === 'code-and-math' || id === 'math-off') {
        // The answer's renderer gets the lazy highlighting and math enhancers (math off by attribute).
        const answer = chat.shadowRoot.querySelector('cc-message-list').shadowRoot.querySelectorAll('cc-message')[1];
        const md = answer.shadowRoot.querySelector('cc-markdown');
        equal(typeof md.enhancers?.code, 'function', 'code enhancer');
        equal(typeof md.enhancers?.math, id === 'math-off' ? 'undefined' : 'function', 'math enhancer');
        // Rendered through the real renderer: highlighted spans and (unless off) MathML appear.
        await waitFor(() => md.shadowRoot.querySelector('code.hljs span[class^="hljs-"]'), `${id} highlighted code`);
        if (id === 'math-off') {
          equal(md.shadowRoot.querySelector('math'), null, 'no MathML with math off');
          assert(md.shadowRoot.textContent.includes('\\sum_{n=0}'), 'formula shown as typed');
        } else {
          await waitFor(() => md.shadowRoot.querySelector('.cc-math-display math[display="block"]'), 'display MathML');
        }
      }
      if (listStates[id]) {
        await waitFor(() => listStates[id](listIn(chat), chat), `${id} list state`);
        const path = await executeServerCommand('cc-screenshot', { name: `story-${id}` });
        assert(path, 'screenshot');
      }
      const answer = () =>
        chat.shadowRoot.querySelector('cc-message-list').shadowRoot.querySelectorAll('cc-message')[1]?.shadowRoot;
      if (id === 'quota-exceeded') {
        const notice = await waitFor(() => answer()?.querySelector('cc-error-notice')?.shadowRoot, 'error notice');
        assert(notice.textContent.includes("You have used today's allowance. It resets at"), 'reset time shown');
        equal(notice.querySelector('[part="retry-button"]'), null, 'no Retry while it cannot help');
        equal(answer().querySelector('[aria-label="Regenerate"]'), null, 'nor Regenerate');
        assert(await executeServerCommand('cc-screenshot', { name: 'story-quota-exceeded' }), 'screenshot');
      }
      if (id === 'quota-warning') {
        const line = () => chat.shadowRoot.querySelector('[part="quota"]')?.textContent ?? '';
        await waitFor(() => line().includes("92% of today's allowance"), 'the 90% warning');
        assert(await executeServerCommand('cc-screenshot', { name: 'story-quota-warning' }), 'screenshot');
      }
      if (id === 'cited-answer') {
        await waitFor(
          () => answer()?.querySelector('[part="citations"]')?.textContent.includes('sixteen weeks'),
          'source',
        );
        await waitFor(() => answer()?.querySelector('cc-feedback'), 'thumbs');
        assert(await executeServerCommand('cc-screenshot', { name: 'story-cited-answer' }), 'screenshot');
      }
      if (id === 'cited-passage-open') {
        const passage = await waitFor(
          () => answer()?.querySelector('cc-passage')?.shadowRoot?.querySelector('[part="passage"]'),
          'the passage open',
        );
        assert(passage.querySelector('mark').textContent.includes('sixteen weeks'), 'the passage, marked');
        assert(passage.textContent.includes('HR portal') && passage.textContent.includes('two blocks'), 'in context');
        assert(
          answer().querySelector('[part="citations"]').textContent.includes('p. 2, Benefits › Parental leave'),
          'where',
        );
        assert(await executeServerCommand('cc-screenshot', { name: 'story-cited-passage-open' }), 'screenshot');
      }
      if (id === 'page-many-conversations') {
        const items = () =>
          chat.shadowRoot.querySelector('cc-sidebar')?.shadowRoot?.querySelectorAll('li:not(.more)').length;
        await waitFor(() => items() === 40, '40 conversations');
        // Two frames: the list is laid out and painted before the screenshot.
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const path = await executeServerCommand('cc-screenshot', { name: 'story-page-many-conversations' });
        assert(path, 'screenshot');
      }
    });
  }
});
