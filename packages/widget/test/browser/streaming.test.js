import '../../dist/company-chat.js';
import {
  assert,
  cleanup,
  createChat,
  deep,
  equal,
  messageBody,
  messages,
  openGate,
  script,
  serverRequests,
  settled,
  spyOnFetch,
  waitFor,
} from './helpers.js';

const answer = [
  '# Heading\n\nSome **bold** and `inline` text with a [link](https://example.com/docs).\n\n',
  '```js\nconst a = 1;\n```\n\n',
  '| col A | col B |\n|---|--:|\n| 1 | 2 |\n\n',
  '- item one\n- item two\n',
];

describe('streaming', () => {
  afterEach(cleanup);

  it('renders the answer incrementally as markdown, block by block', async () => {
    const el = await createChat();
    const chunks = answer.join('').match(/[\s\S]{1,6}/g);
    const gate = `rendered-${Math.random()}`;
    const done = el.send(script({ chunks, delayMs: 5, waitAt: gate }));
    // While streaming, the partial answer is rendered: the answer waits at the gate until the heading shows.
    await waitFor(() => messageBody(el, 1)?.querySelector('h3'), 'heading while streaming');
    equal(el.chat.getSnapshot().status, 'streaming', 'the heading is shown while the answer streams');
    await openGate(gate);
    await done;
    await settled(el, 2);
    const body = messageBody(el, 1);
    equal(body.querySelector('h3').textContent, 'Heading', 'heading');
    equal(body.querySelector('strong').textContent, 'bold', 'bold');
    const link = body.querySelector('a');
    equal(link.getAttribute('href'), 'https://example.com/docs', 'link href');
    equal(link.getAttribute('rel'), 'noopener noreferrer', 'link rel');
    equal(link.getAttribute('target'), '_blank', 'link target');
    equal(body.querySelector('.code-lang').textContent.trim(), 'js', 'code language label');
    equal(body.querySelector('pre code').textContent, 'const a = 1;', 'code text');
    assert(body.querySelector('.copy-code'), 'copy button');
    equal(body.querySelectorAll('td').length, 2, 'table cells');
    equal(body.querySelector('td.align-right')?.textContent, '2', 'right-aligned cell');
    equal(body.querySelectorAll('li').length, 2, 'list items');
    // The user message and the answer both carry timestamps.
    for (const m of messages(el)) assert(m.shadowRoot.querySelector('time[datetime]'), 'timestamp');
  });

  it('follows a long answer to the bottom while streaming', async () => {
    const el = await createChat({}, { height: 320 });
    await el.send(script({ chunks: Array.from({ length: 40 }, (_, i) => `Line ${i}\n\n`), delayMs: 2 }));
    await settled(el, 2);
    const log = deep(el, 'cc-message-list', '.log');
    await waitFor(() => log.scrollHeight - log.scrollTop - log.clientHeight < 2, 'scrolled to the end');
    assert(log.scrollHeight > log.clientHeight * 2, 'the answer is longer than the view');
  });

  it('stays where the reader scrolled up to while the answer grows', async () => {
    const el = await createChat({}, { height: 320 });
    const chunks = Array.from({ length: 60 }, (_, i) => `Line ${i}\n\n`);
    const done = el.send(script({ chunks, delayMs: 15 }));
    const log = deep(el, 'cc-message-list', '.log');
    await waitFor(() => log.scrollHeight > log.clientHeight * 2, 'a long partial answer');
    log.scrollTop = 0;
    await waitFor(() => el.chat.getSnapshot().messages[1].content.length > 200, 'more text');
    await done;
    await settled(el, 2);
    equal(log.scrollTop, 0, 'reader position kept');
  });

  it('fires cc-message-sent and cc-answer-complete', async () => {
    const el = await createChat();
    const events = [];
    for (const name of ['cc-message-sent', 'cc-answer-complete', 'cc-error']) {
      el.addEventListener(name, (e) => events.push([name, e.detail]));
    }
    await el.send('hello');
    await settled(el, 2);
    equal(events.map((e) => e[0]).join(), 'cc-message-sent,cc-answer-complete', 'events');
    equal(events[1][1].status, 'complete', 'status');
    equal(events[1][1].content, 'You said: hello', 'content');
    assert(events[1][1].conversationId, 'conversation id');
  });

  it('stops an answer: the stop button aborts, the answer is marked, the server stores it aborted', async () => {
    const el = await createChat();
    el.send(script({ chunks: ['Partial answer'], hang: true }));
    const stop = await waitFor(() => deep(el, 'cc-composer', '[part="stop-button"]'), 'stop button');
    await waitFor(() => messageBody(el, 1)?.textContent.includes('Partial answer'), 'partial text');
    stop.click();
    await settled(el, 2);
    const mark = messages(el)[1].shadowRoot.querySelector('[part="status"]');
    equal(mark?.textContent, 'Stopped', 'aborted mark');
    assert(deep(el, 'cc-composer', '[part="send-button"]'), 'send button is back');
    const id = el.chat.getSnapshot().conversationId;
    await waitFor(async () => {
      const stored = await el.client.getConversation(id);
      return stored.messages.at(-1).status === 'aborted';
    }, 'server-side aborted status');
  });

  it('shows an error in place with a retry button that retries', async () => {
    const el = await createChat();
    const errors = [];
    el.addEventListener('cc-error', (e) => errors.push(e.detail.code));
    await el.send(script({ chunks: ['Half'], error: 'overloaded' }));
    await settled(el, 2);
    const failed = messages(el)[1].shadowRoot.querySelector('cc-error-notice').shadowRoot;
    assert(failed.querySelector('[part="error"]').textContent.includes('very busy'), 'error text');
    equal(errors.join(), 'overloaded', 'cc-error');
    const failedId = el.chat.getSnapshot().messages[1].id;
    failed.querySelector('[part="retry-button"]').click();
    // A stored failure is retried as a new version of the answer (regenerate), not a duplicate question.
    await waitFor(
      async () => (await serverRequests()).some((r) => r.endsWith(`/messages/${failedId}/regenerate`)),
      'a regenerate request',
    );
    await waitFor(() => el.chat.getSnapshot().messages[1]?.siblingIds?.length === 2, 'two versions');
    await settled(el, 2);
    equal(messages(el).length, 2, 'the failed turn was replaced, not duplicated');
  });

  it('shows request errors (unknown model) in place', async () => {
    const el = await createChat({ model: 'does-not-exist' });
    await el.send('hi');
    await settled(el, 2);
    const notice = messages(el)[1].shadowRoot.querySelector('cc-error-notice').shadowRoot;
    assert(notice.querySelector('[part="error"]').textContent.includes('unavailable right now'), 'unknown model error');
    assert(notice.querySelector('[part="error-details"]').textContent.includes('unknown_model'), 'its code');
  });

  it('changing theme, strings and attributes keeps the conversation and does not re-stream', async () => {
    const el = await createChat();
    await el.send('keep me');
    await settled(el, 2);
    const bodyBefore = messageBody(el, 1);
    // Every request the widget makes, counted where it is made (a re-stream would start with a fetch).
    const requested = spyOnFetch();
    try {
      el.setAttribute('theme', 'dark');
      el.strings = { you: 'Me' };
      el.setAttribute('allowed-image-origins', 'https://img.example.com');
      el.setAttribute('max-length', '100');
      await el.updateComplete;
      await new Promise((r) => requestAnimationFrame(r));
    } finally {
      requested.restore();
    }
    equal(messages(el).length, 2, 'messages kept');
    equal(messageBody(el, 1).textContent.trim(), 'You said: keep me', 'answer kept');
    equal(messageBody(el, 1), bodyBefore, 'the finished answer is the same element, not rendered again');
    equal(messages(el)[0].shadowRoot.querySelector('.author').textContent, 'Me', 'strings applied');
    const bg = getComputedStyle(deep(el, '.inline')).getPropertyValue('--cc-color-bg').trim();
    equal(bg, '#17191c', 'dark theme colours');
    equal(requested.urls.filter((url) => url.includes('/chat')).length, 0, 'no new chat request');
  });

  it('lays out right-to-left', async () => {
    document.documentElement.dir = 'rtl';
    try {
      const el = await createChat();
      await el.send('مرحبا');
      await settled(el, 2);
      const user = messages(el)[0].shadowRoot.querySelector('.bubble').getBoundingClientRect();
      const list = deep(el, 'cc-message-list').getBoundingClientRect();
      // The user's bubble sits at the inline end: the left side in RTL.
      assert(user.left - list.left < list.right - user.right, 'user bubble on the left in RTL');
    } finally {
      document.documentElement.dir = '';
    }
  });
});
