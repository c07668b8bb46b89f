import { executeServerCommand } from '@web/test-runner-commands';
import '../../dist/company-chat.js';
import {
  assert,
  axeClean,
  cleanup,
  createChat,
  deep,
  equal,
  messageBody,
  messages,
  script,
  settled,
  waitFor,
} from './helpers.js';

const AGGRESSIVE = `* { letter-spacing: 3px; text-align: right; color: red; font-family: serif }
h1, h2, h3, h4, h5, h6 { color: green; font-size: 40px }`;
const PROPS = [
  'letter-spacing',
  'text-align',
  'color',
  'font-family',
  'font-size',
  'font-weight',
  'line-height',
  'word-spacing',
  'text-transform',
];

describe('polish: host styles, copy, direction, scrolling, suggestions, avatars', () => {
  // Uncaught errors in the page fail the test (helpers.js).
  afterEach(() => {
    document.documentElement.removeAttribute('dir');
    cleanup();
  });

  it('an aggressive page stylesheet changes none of the widget’s computed styles', async () => {
    const el = await createChat({ mode: 'page', theme: 'light' });
    await el.send(script({ chunks: ['## Heading\n\nSome text and `code`.\n'] }));
    await settled(el, 2);
    const targets = {
      header: () => deep(el, '.header h2'),
      question: () => messages(el)[0].shadowRoot.querySelector('.bubble'),
      author: () => messages(el)[1].shadowRoot.querySelector('.author'),
      paragraph: () => messageBody(el, 1).querySelector('p'),
      heading: () => messageBody(el, 1).querySelector('h4, h3, h2'),
      input: () => deep(el, 'cc-composer', 'textarea'),
      sidebar: () => deep(el, 'cc-sidebar', '[part="new-chat-button"]'),
    };
    // The conversation list is a lazily loaded part of the widget.
    await waitFor(targets.sidebar, 'the conversation list');
    const read = () =>
      Object.fromEntries(
        Object.entries(targets).map(([name, find]) => {
          const node = find();
          assert(node, `${name} rendered`);
          const style = getComputedStyle(node);
          return [name, Object.fromEntries(PROPS.map((p) => [p, style.getPropertyValue(p)]))];
        }),
      );
    const plain = read();
    const sheet = document.createElement('style');
    sheet.textContent = AGGRESSIVE;
    document.head.append(sheet);
    try {
      const styled = read();
      for (const name of Object.keys(targets)) {
        for (const p of PROPS) equal(styled[name][p], plain[name][p], `${name} ${p}`);
      }
      // The stylesheet did apply to the page itself.
      equal(getComputedStyle(document.body).letterSpacing, '3px', 'page styled');
    } finally {
      sheet.remove();
    }
  });

  it('copy writes the message, shows "Copied", announces it, and throws nothing', async () => {
    await executeServerCommand('cc-grant-clipboard');
    const el = await createChat();
    await el.send('copy me please');
    await settled(el, 2);
    const answer = messages(el)[1];
    const button = answer.shadowRoot.querySelector('button[aria-label="Copy"]');
    button.focus();
    button.click();
    await waitFor(() => button.textContent.includes('Copied'), 'visible "Copied"');
    assert(button.hasAttribute('data-copied'), 'marked');
    await waitFor(() => el.shadowRoot.querySelector('[role="status"]').textContent.includes('Copied'), 'announced');
    equal(await navigator.clipboard.readText(), 'You said: copy me please', 'clipboard content');
  });

  it('each message takes its direction from its own text on an RTL page', async () => {
    document.documentElement.dir = 'rtl';
    const el = await createChat();
    await el.send('Hello, how are you?');
    await settled(el, 2);
    const question = messages(el)[0].shadowRoot.querySelector('.bubble');
    equal(question.getAttribute('dir'), 'auto', 'user message dir=auto');
    equal(getComputedStyle(question).direction, 'ltr', 'English question is LTR');
    const answer = messageBody(el, 1).querySelector('.markdown');
    equal(getComputedStyle(answer).direction, 'ltr', 'English answer is LTR');
    await el.send('שלום, מה שלומך?');
    await settled(el, 4);
    equal(getComputedStyle(messages(el)[2].shadowRoot.querySelector('.bubble')).direction, 'rtl', 'Hebrew is RTL');
  });

  it('offers "Jump to the latest message" after scrolling up while an answer streams', async () => {
    const el = await createChat({}, { height: 360 });
    const lines = Array.from({ length: 80 }, (_, i) => `Line ${i + 1}\n\n`);
    el.send(script({ chunks: lines, delayMs: 2, hang: true }));
    const list = deep(el, 'cc-message-list');
    const log = list.shadowRoot.querySelector('[part="message-list"]');
    await waitFor(() => el.chat.getSnapshot().messages[1]?.content.includes('Line 80'), 'all lines streamed');
    await waitFor(() => log.scrollHeight > log.clientHeight * 2, 'long answer');
    equal(list.shadowRoot.querySelector('[part="scroll-button"]'), null, 'no button while following');
    log.scrollTop = 0;
    const button = await waitFor(() => list.shadowRoot.querySelector('[part="scroll-button"]'), 'button shown');
    equal(button.textContent.trim(), 'Jump to the latest message', 'labelled');
    await axeClean(el);
    button.click();
    await waitFor(() => log.scrollHeight - log.scrollTop - log.clientHeight < 2, 'at the bottom');
    await waitFor(() => !list.shadowRoot.querySelector('[part="scroll-button"]'), 'button gone');
    el.stop();
    await settled(el, 2);
  });

  it('starter prompts: the property and the slot both send on click; axe clean', async () => {
    const el = await createChat();
    el.suggestions = ['What is our travel policy?', 'Summarise the handbook'];
    await el.updateComplete;
    const buttons = [...el.shadowRoot.querySelectorAll('[part="suggestion"]')];
    equal(
      buttons.map((b) => b.textContent.trim()).join(' | '),
      'What is our travel policy? | Summarise the handbook',
      'shown',
    );
    await axeClean(el);
    buttons[1].click();
    await settled(el, 2);
    equal(el.chat.getSnapshot().messages[0].content, 'Summarise the handbook', 'sent');
    equal(el.shadowRoot.querySelector('[part="suggestion"]'), null, 'gone once the chat has messages');

    const slotted = await createChat();
    const mine = document.createElement('button');
    mine.slot = 'suggestions';
    mine.value = 'Show my open tickets';
    mine.textContent = 'Tickets';
    slotted.append(mine);
    await slotted.updateComplete;
    mine.click();
    await settled(slotted, 2);
    equal(slotted.chat.getSnapshot().messages[0].content, 'Show my open tickets', 'slotted suggestion sent its value');
  });

  it('names and avatars: data: images and allowed origins load, other URLs do not', async () => {
    const dot =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
    const el = await createChat({
      'assistant-name': 'HR Helper',
      'assistant-avatar': dot,
      'user-name': 'Dana Smith',
      'user-avatar': 'https://tracker.invalid/me.png',
      'allowed-image-origins': 'https://images.example.com',
    });
    await el.send('hi');
    await settled(el, 2);
    const [question, answer] = messages(el);
    equal(question.shadowRoot.querySelector('.author').textContent, 'Dana Smith', 'user name');
    equal(answer.shadowRoot.querySelector('.author').textContent, 'HR Helper', 'assistant name');
    equal(question.shadowRoot.querySelector('[part="avatar"]'), null, 'disallowed origin: no image');
    equal(answer.shadowRoot.querySelector('[part="avatar"]').getAttribute('src'), dot, 'data: image shown');
    el.setAttribute('user-avatar', 'https://images.example.com/dana.png');
    await el.updateComplete;
    await question.updateComplete;
    equal(
      question.shadowRoot.querySelector('[part="avatar"]')?.getAttribute('src'),
      'https://images.example.com/dana.png',
      'allowed origin shown',
    );
    el.setAttribute('assistant-avatar', 'javascript:alert(1)');
    await el.updateComplete;
    await answer.updateComplete;
    equal(answer.shadowRoot.querySelector('[part="avatar"]'), null, 'script URL refused');
  });

  it('the version switcher passes axe colour contrast in both themes', async () => {
    for (const theme of ['light', 'dark']) {
      document.documentElement.lang = 'en';
      const el = await createChat({ theme });
      await el.send('versions please');
      await settled(el, 2);
      await el.chat.regenerate(el.chat.getSnapshot().messages[1].id);
      await settled(el, 2);
      await waitFor(() => messages(el)[1].shadowRoot.querySelector('[part="versions"]'), 'versions shown');
      await axeClean(el);
      cleanup();
    }
  });
});
