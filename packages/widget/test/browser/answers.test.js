import '../../dist/company-chat.js';
import { HOLIDAYS_PROMPT } from './fixtures/canned-replies.js';
import {
  assert,
  axeClean,
  cleanup,
  createChat,
  deep,
  equal,
  messages,
  newUser,
  script,
  serverRequests,
  settled,
  waitFor,
} from './helpers.js';

const notice = (el, i) => messages(el)[i]?.shadowRoot.querySelector('cc-error-notice')?.shadowRoot;
const feedback = (el, i) => messages(el)[i]?.shadowRoot.querySelector('cc-feedback')?.shadowRoot;

describe('answers keep their sources and take feedback', () => {
  afterEach(cleanup);

  it('shows the cited passage with its snippet, and still after a reload', async () => {
    const user = newUser();
    const el = await createChat({}, { user });
    const file = new Blob(['Holidays: thirty holiday days a year, booked with HR.'], { type: 'text/plain' });
    await el.client.uploadFile(file, { name: 'holidays.txt' });
    await el.send(HOLIDAYS_PROMPT);
    await settled(el, 2);
    const sources = () => messages(el)[1]?.shadowRoot.querySelector('[part="citations"]');
    await waitFor(() => sources()?.querySelectorAll('li').length === 1, 'one cited source');
    const shown = sources().textContent;
    assert(shown.includes('holidays.txt') && shown.includes('thirty holiday days'), `file and snippet: ${shown}`);
    equal(sources().querySelector('li').value, 1, 'numbered like its [1] marker');
    const place = shown.replace(/\s+/g, ' ');
    assert(/holidays\.txt, line 1\b/.test(place), `where in the file: ${place}`);

    // The source opens the cited passage from the server, in context.
    const source = sources().querySelector('[part="citation-source"]');
    equal(source.getAttribute('aria-expanded'), 'false', 'closed at first');
    source.click();
    const passage = await waitFor(
      () => sources().querySelector('cc-passage')?.shadowRoot?.querySelector('[part="passage"] mark'),
      'the passage shown',
    );
    equal(passage.textContent, 'Holidays: thirty holiday days a year, booked with HR.', 'the passage text');
    equal(source.getAttribute('aria-expanded'), 'true', 'expanded');
    assert(
      (await serverRequests()).some((r) => /^GET \/api\/v1\/files\/[^/]+\/passages\/[^/]+$/.test(r)),
      'read from the passage route',
    );
    await axeClean(messages(el)[1]);
    source.click();
    await messages(el)[1].updateComplete;
    equal(sources().querySelector('cc-passage'), null, 'closed again');

    const id = el.chat.getSnapshot().conversationId;
    cleanup();
    const again = await createChat({}, { user });
    await again.chat.load(id);
    await settled(again, 2);
    const reloaded = messages(again)[1].shadowRoot.querySelector('[part="citations"]');
    assert(reloaded?.textContent.includes('thirty holiday days'), 'the snippet is back after a reload');
    equal(again.chat.getSnapshot().messages[1].citations[0].fileName, 'holidays.txt', 'restored citation');
  });

  it('rates a finished answer with thumbs and a comment, fires cc-feedback, and keeps it after a reload', async () => {
    const user = newUser();
    const el = await createChat({}, { user });
    const events = [];
    document.addEventListener('cc-feedback', (e) => events.push(e.detail));
    await el.send('Rate me');
    await settled(el, 2);
    const answerId = el.chat.getSnapshot().messages[1].id;
    const conversationId = el.chat.getSnapshot().conversationId;
    const down = await waitFor(() => feedback(el, 1)?.querySelector('[aria-label="Bad answer"]'), 'thumbs down');
    down.click();
    await waitFor(() => events.length === 1, 'cc-feedback for the rating');
    equal(
      JSON.stringify(events[0]),
      JSON.stringify({ messageId: answerId, conversationId, rating: 'down', comment: null }),
      'detail',
    );
    const box = await waitFor(() => feedback(el, 1)?.querySelector('textarea'), 'comment box');
    box.value = 'It missed the point.';
    feedback(el, 1).querySelector('button[type="submit"]').click();
    await waitFor(() => events.length === 2, 'cc-feedback with the comment');
    equal(events[1].comment, 'It missed the point.', 'comment in the event');
    await waitFor(async () => {
      const stored = await el.client.getConversation(conversationId);
      return stored.messages[1].feedback?.comment === 'It missed the point.';
    }, 'stored on the server');

    cleanup();
    const again = await createChat({}, { user });
    await again.chat.load(conversationId);
    await settled(again, 2);
    const pressed = await waitFor(() => feedback(again, 1)?.querySelector('[aria-pressed="true"]'), 'rating shown');
    equal(pressed.getAttribute('aria-label'), 'Bad answer', 'the rating given');
    assert(!feedback(again, 0), 'no feedback on the question');
  });
});

describe('errors in the employee’s words', () => {
  afterEach(cleanup);

  it('shows the end-user text with the code in a details disclosure, never the server’s detail', async () => {
    const el = await createChat();
    await el.send(script({ chunks: ['Half'], error: 'upstream' }));
    await settled(el, 2);
    const shown = await waitFor(() => notice(el, 1), 'error notice');
    const text = shown.querySelector('[part="error"] > span').textContent;
    equal(text, 'The assistant is unavailable right now. Try again in a few minutes.', 'employee text');
    assert(!/scripted|HTTP|\b5\d\d\b/i.test(shown.textContent), `no server detail: ${shown.textContent}`);
    const details = shown.querySelector('[part="error-details"]');
    assert(!details.open, 'details closed by default');
    assert(details.textContent.includes('Error code: upstream'), 'the code for the helpdesk');
    assert(shown.querySelector('[part="retry-button"]'), 'retry can help');

    el.strings = { errorUnavailable: 'Der Assistent ist gerade nicht erreichbar.' };
    await waitFor(
      () => notice(el, 1)?.querySelector('span')?.textContent === 'Der Assistent ist gerade nicht erreichbar.',
      'overridden through strings',
    );
  });

  it('says when a used-up allowance resets, from Retry-After, with no Retry button', async () => {
    // A server whose quota is used up: POST /chat answers 429 with Retry-After (5 hours), as ours does.
    const quotaFetch = async (input, init) => {
      if (String(input).endsWith('/api/v1/chat') && init?.method === 'POST') {
        const body = {
          error: { code: 'quota_exceeded', message: 'Quota used up.', limit: 'tokensPerDay', scope: 'user' },
        };
        return new Response(JSON.stringify(body), {
          status: 429,
          headers: { 'content-type': 'application/json', 'retry-after': '18000' },
        });
      }
      return fetch(input, init);
    };
    const el = await createChat();
    el.fetch = quotaFetch;
    const before = Date.now();
    await el.send('Anything');
    await settled(el, 2);
    const after = Date.now();
    const error = el.chat.getSnapshot().error;
    equal(error.code, 'quota_exceeded', 'quota error');
    const retryAt = Date.parse(error.retryAt);
    assert(retryAt >= before + 18_000_000 && retryAt <= after + 18_000_000, 'reset time from Retry-After');
    const time = new Date(retryAt);
    const expected =
      time.toDateString() === new Date(after).toDateString()
        ? time.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
        : time.toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
    const shown = await waitFor(() => notice(el, 1), 'error notice');
    equal(
      shown.querySelector('span').textContent,
      `You have used today's allowance. It resets at ${expected}.`,
      'allowance text with the reset time',
    );
    assert(!shown.querySelector('[part="retry-button"]'), 'no Retry while it cannot help');
    // Said once: the quota line under the composer does not repeat it.
    assert(!(deep(el, '[part="quota"]')?.textContent ?? '').includes('allowance'), 'not repeated');
  });
});
