// History everywhere: the open conversation follows the user across the pages of a host site
// (launcher, inline), page mode has a URL per conversation, and the list pages and searches on the server.
import '../../dist/company-chat.js';
import {
  assert,
  cleanup,
  createChat,
  deep,
  endpoint,
  equal,
  messageBody,
  newUser,
  settled,
  waitFor,
} from './helpers.js';
import { listItems, listOf, listTitles, pick, search, seed } from './history-helpers.js';

const storageKey = `company-chat:${endpoint}`;
const startUrl = location.href;

/** Loads a page of the host site (served by the test runner) in `frame`; resolves to its launcher. */
async function visit(frame, page, user) {
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = `/__cc-site/${page}.html?user=${user}`;
  await loaded;
  await frame.contentWindow.customElements.whenDefined('company-chat');
  const el = frame.contentDocument.querySelector('company-chat');
  await el.updateComplete;
  return el;
}

describe('launcher across the pages of a site', () => {
  afterEach(cleanup);

  it('reopens the conversation on the next page; New chat starts another; recent chats lists both', async () => {
    const user = newUser();
    const frame = document.createElement('iframe');
    frame.style.width = '900px';
    frame.style.height = '700px';
    document.body.append(frame);

    let el = await visit(frame, 'one', user);
    deep(el, '.launcher').click();
    await el.send('question on page one');
    await settled(el, 2);
    const first = el.chat.getSnapshot().conversationId;
    assert(first, 'a conversation was created');
    equal(frame.contentWindow.localStorage.getItem(storageKey), first, 'remembered for the origin');

    el = await visit(frame, 'two', user);
    equal(el.chat.getSnapshot().messages.length, 0, 'a closed launcher loads nothing');
    deep(el, '.launcher').click();
    await waitFor(() => el.chat.getSnapshot().conversationId === first, 'reopened on page two');
    await settled(el, 2);
    equal(messageBody(el, 1).textContent.trim(), 'You said: question on page one', 'its answer shows');

    deep(el, '.header [part="new-chat-button"]').click();
    equal(el.chat.getSnapshot().conversationId, null, 'New chat');
    equal(frame.contentWindow.localStorage.getItem(storageKey), null, 'nothing remembered for a new chat');
    await el.send('question on page two');
    await settled(el, 2);
    const second = el.chat.getSnapshot().conversationId;
    assert(second && second !== first, 'another conversation');

    el = await visit(frame, 'one', user);
    deep(el, '.launcher').click();
    await waitFor(() => el.chat.getSnapshot().conversationId === second, 'the newer one reopens');

    // Recent chats: a drawer over the chat with both conversations.
    const toggle = deep(el, '.drawer-toggle');
    equal(toggle.getAttribute('aria-label'), 'Recent chats', 'toggle label');
    toggle.click();
    await waitFor(() => listItems(el).length === 2, 'both listed');
    equal(toggle.getAttribute('aria-expanded'), 'true', 'expanded');
    assert(listTitles(el)[0].includes('page two') && listTitles(el)[1].includes('page one'), 'newest first');
    assert(deep(el, '.chat').inert, 'the chat behind the drawer is inert');

    // Escape closes the drawer, not the panel.
    await waitFor(() => listOf(el).activeElement, 'focus moved into the list');
    listOf(el).activeElement.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }),
    );
    await waitFor(() => !deep(el, 'cc-sidebar'), 'drawer closed');
    equal(el.open, true, 'panel still open');
    await waitFor(() => el.shadowRoot.activeElement === toggle, 'focus back on the toggle');

    toggle.click();
    await waitFor(() => listItems(el).length === 2, 'listed again');
    pick(el, 'page one');
    await waitFor(() => el.chat.getSnapshot().conversationId === first, 'picked from recent chats');
    equal(deep(el, 'cc-sidebar'), null, 'picking closes the drawer');
    await waitFor(() => el.shadowRoot.activeElement === toggle, 'focus back on the toggle');
    equal(frame.contentWindow.localStorage.getItem(storageKey), first, 'the picked one is remembered');
  });
});

describe('inline mode memory', () => {
  afterEach(cleanup);

  it('reopens the last conversation; persist="none" remembers nothing', async () => {
    const user = newUser();
    const [id] = await seed(user, ['Remembered chat']);
    localStorage.setItem(storageKey, id);
    const el = await createChat({ mode: 'inline' }, { user });
    await waitFor(() => el.chat.getSnapshot().conversationId === id, 'reopened');
    cleanup();

    const off = await createChat({ mode: 'inline', persist: 'none' }, { user });
    await off.send('not remembered');
    await settled(off, 2);
    equal(localStorage.getItem(storageKey), null, 'nothing stored');
  });

  it('keeps one conversation per storage key and in sessionStorage when asked', async () => {
    const user = newUser();
    const el = await createChat({ mode: 'inline', persist: 'session', 'storage-key': 'intranet-chat' }, { user });
    await el.send('in this tab only');
    await settled(el, 2);
    equal(sessionStorage.getItem('intranet-chat'), el.chat.getSnapshot().conversationId, 'session storage');
    equal(localStorage.length, 0, 'nothing in local storage');
  });

  it('starts a new chat quietly when the remembered conversation is gone or not the user’s', async () => {
    const owner = newUser();
    const [theirs] = await seed(owner, ['Someone else’s chat']);
    for (const stale of ['deleted-id', theirs]) {
      localStorage.setItem(storageKey, stale);
      const errors = [];
      const el = await createChat({ mode: 'inline' }, { user: newUser() });
      el.addEventListener('cc-error', (e) => errors.push(e.detail));
      await waitFor(() => localStorage.getItem(storageKey) === null, 'the stale id is forgotten');
      equal(el.chat.getSnapshot().messages.length, 0, 'an empty chat');
      equal(el.chat.getSnapshot().error, null, 'no error shown');
      equal(errors.length, 0, 'no cc-error');
      cleanup();
    }
  });
});

describe('page mode URLs', () => {
  afterEach(() => {
    cleanup();
    history.replaceState(null, '', startUrl);
  });

  it('opens a conversation by URL; back and forward move between two; New chat has its own entry', async () => {
    const user = newUser();
    const [alpha, beta] = await seed(user, ['Alpha plan', 'Beta plan']);
    history.replaceState(null, '', `#conversation=${alpha}`);
    const el = await createChat({ mode: 'page' }, { user });
    const changes = [];
    el.addEventListener('cc-conversation-change', (e) => changes.push(e.detail.conversationId));
    await waitFor(() => el.chat.getSnapshot().conversationId === alpha, 'opened by URL');
    await waitFor(() => listItems(el).length === 2, 'listed');

    pick(el, 'Beta plan');
    await waitFor(() => el.chat.getSnapshot().conversationId === beta, 'beta opened');
    equal(location.hash, `#conversation=${beta}`, 'URL names beta');

    history.back();
    await waitFor(() => el.chat.getSnapshot().conversationId === alpha, 'back: alpha');
    equal(location.hash, `#conversation=${alpha}`, 'URL names alpha');
    history.forward();
    await waitFor(() => el.chat.getSnapshot().conversationId === beta, 'forward: beta');

    deep(el, 'cc-sidebar', '[part="new-chat-button"]').click();
    equal(el.chat.getSnapshot().conversationId, null, 'new chat');
    equal(location.hash, '', 'a new chat has no id in the URL');
    history.back();
    await waitFor(() => el.chat.getSnapshot().conversationId === beta, 'back from New chat: beta');
    equal(changes.join(), [alpha, beta, alpha, beta, null, beta].join(), 'cc-conversation-change events');
  });

  it('a new conversation takes over its entry without a history entry per update; conversation-param', async () => {
    const user = newUser();
    const el = await createChat({ mode: 'page', 'conversation-param': 'chat' }, { user });
    const entries = history.length;
    await el.send('a long answer please');
    await settled(el, 2);
    const id = el.chat.getSnapshot().conversationId;
    equal(new URLSearchParams(location.search).get('chat'), id, 'query parameter names it');
    equal(history.length, entries, 'no new history entry while it streamed');
    cleanup();

    // A reload (a new element) on that URL opens it.
    const again = await createChat({ mode: 'page', 'conversation-param': 'chat' }, { user });
    await waitFor(() => again.chat.getSnapshot().conversationId === id, 'reopened from the query parameter');
  });

  it('an unknown id in the URL falls back to a new chat quietly', async () => {
    history.replaceState(null, '', '#conversation=no-such-conversation');
    const errors = [];
    const el = await createChat({ mode: 'page' }, { user: newUser() });
    el.addEventListener('cc-error', (e) => errors.push(e.detail));
    await waitFor(() => location.hash === '', 'the id is taken out of the URL');
    equal(el.chat.getSnapshot().messages.length, 0, 'an empty chat');
    equal(errors.length, 0, 'no cc-error');
  });
});

describe('conversation list paging and search', () => {
  afterEach(cleanup);

  it('finds the oldest of 150 conversations by scrolling and by server search; says when nothing matches', async () => {
    const user = newUser();
    const titles = [
      'Oldest budget memo',
      '<b>Tags</b> stay text',
      ...Array.from({ length: 148 }, (_, i) => `Conversation ${String(i + 1).padStart(3, '0')}`),
    ];
    await seed(user, titles);
    // Holds the answer to one search until released, so it arrives after the search that replaced it.
    let release;
    const held = new Promise((resolve) => {
      release = resolve;
    });
    let sent;
    const lateSent = new Promise((resolve) => {
      sent = resolve;
    });
    let served;
    const lateServed = new Promise((resolve) => {
      served = resolve;
    });
    const el = await createChat({ mode: 'page' }, { user });
    el.fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!String(input).includes('q=conversation')) return response;
      sent();
      await held;
      // The widget reads the body with text(): once it has it, only promise jobs remain before the
      // widget has handled (or dropped) this answer.
      const late = new Response(await response.text(), { status: response.status, headers: response.headers });
      const read = late.text.bind(late);
      late.text = () =>
        read().then((text) => {
          served();
          return text;
        });
      return late;
    };
    await waitFor(() => listItems(el).length === 50, 'the first page');
    assert(listOf(el).querySelector('.more'), 'more to load');

    const list = listOf(el).querySelector('ul');
    await waitFor(() => {
      list.scrollTop = list.scrollHeight;
      return listTitles(el).includes('Oldest budget memo');
    }, 'the oldest, reached by scrolling');
    equal(listItems(el).length, 150, 'all 150 listed');
    equal(new Set(listTitles(el)).size, 150, 'no conversation listed twice');
    equal(listOf(el).querySelector('.more'), null, 'nothing more to load');

    // A search overtaken by the next one: its late answer is dropped.
    search(el, 'conversation');
    await lateSent;
    search(el, 'oldest budg');
    await waitFor(() => listItems(el).length === 1 && listTitles(el)[0] === 'Oldest budget memo', 'found by search');
    release();
    await lateServed;
    // One task later every promise job of the late answer has run (and any render it asked for).
    await new Promise((resolve) => setTimeout(resolve, 0));
    await deep(el, 'cc-sidebar').updateComplete;
    equal(listTitles(el).join(), 'Oldest budget memo', 'the late answer to the older search changed nothing');
    const marks = [...listItems(el)[0].querySelectorAll('mark')].map((m) => m.textContent);
    equal(marks.join('|'), 'Oldest|budg', 'matches marked');

    // Markup in a title stays text, its match marked.
    search(el, 'tags');
    await waitFor(() => listTitles(el)[0] === '<b>Tags</b> stay text', 'found');
    const item = listItems(el)[0];
    equal(item.querySelector('b'), null, 'no element from the title');
    equal(item.querySelector('mark').textContent, 'Tags', 'marked');

    search(el, 'zzqx');
    await waitFor(() => listOf(el).querySelector('.empty')?.textContent.trim() === 'No matches', 'No matches');
    search(el, '');
    await waitFor(() => listItems(el).length >= 50, 'everything again');
  });

  it('says so when there are no conversations yet', async () => {
    const el = await createChat({ mode: 'page' }, { user: newUser() });
    await waitFor(() => listOf(el)?.querySelector('.empty')?.textContent.trim() === 'No conversations yet', 'empty');
  });
});
