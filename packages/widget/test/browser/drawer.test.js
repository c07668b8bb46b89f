// Page mode on a phone (360 px) and at 200% zoom (a 1280 px window: 640 CSS px at scale 2): the
// conversation list is a drawer, closed by default, closed again by every route, focus back on its toggle.
import { executeServerCommand, sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../dist/company-chat.js';
import { assert, axeClean, cleanup, createChat, deep, equal, newUser, waitFor } from './helpers.js';
import { listItems, listOf, pick, search, seed } from './history-helpers.js';

const viewports = [
  ['a 360 px phone', { width: 360, height: 640 }, 'drawer-phone'],
  ['200% zoom', { width: 640, height: 400, scale: 2 }, 'drawer-zoom-200'],
];

// First in the file: the conversation list's chunk is not loaded yet.
// The page's language, for axe (and the widget's dates).
document.documentElement.lang = 'en';

describe('page mode wide', () => {
  afterEach(cleanup);

  it('keeps the sidebar beside the chat, open by default, and the toggle hides it', async () => {
    const before = new Set(Object.getOwnPropertyNames(window));
    const el = await createChat({ mode: 'page' }, { width: 900 });
    const toggle = deep(el, '.drawer-toggle');
    await waitFor(() => listOf(el), 'sidebar shown');
    // The list's lazy chunk brings its own Lit: it must leave no globals either.
    const added = Object.getOwnPropertyNames(window).filter((k) => !before.has(k));
    equal(added.join(), '', 'globals added by the conversation list');
    equal(deep(el, '.page.drawer'), null, 'no drawer');
    equal(toggle.getAttribute('aria-expanded'), 'true', 'expanded');
    assert(!deep(el, '.chat').inert, 'chat usable beside it');
    toggle.click();
    await waitFor(() => !deep(el, 'cc-sidebar'), 'hidden');
    equal(toggle.getAttribute('aria-expanded'), 'false', 'collapsed');
  });
});

for (const [label, viewport, screenshot] of viewports) {
  describe(`page mode on ${label}`, () => {
    before(() => executeServerCommand('cc-viewport', viewport));
    after(() => executeServerCommand('cc-viewport', {}));
    afterEach(() => {
      cleanup();
      document.body.style.margin = '';
    });

    it('shows the list as a drawer that opens and closes by every route', async () => {
      const user = newUser();
      const [alpha, beta] = await seed(user, ['Alpha plan', 'Beta plan']);
      document.body.style.margin = '0';
      const el = await createChat({ mode: 'page' }, { user, width: innerWidth, height: innerHeight });
      const toggle = deep(el, '.drawer-toggle');
      await waitFor(() => deep(el, '.page.drawer'), 'drawer layout');
      equal(toggle.getAttribute('aria-expanded'), 'false', 'closed by default');
      equal(deep(el, 'cc-sidebar'), null, 'no list shown');
      equal(toggle.getAttribute('aria-controls'), 'cc-conversations', 'toggle controls the list');

      const open = async () => {
        toggle.click();
        await waitFor(() => listItems(el).length === 2, 'drawer open with the list');
        equal(toggle.getAttribute('aria-expanded'), 'true', 'expanded');
        equal(deep(el, 'cc-sidebar').id, 'cc-conversations', 'the controlled element');
        assert(deep(el, '.chat').inert, 'the chat behind is inert');
        await waitFor(() => listOf(el).activeElement, 'focus in the drawer');
        // The toggle stays visible and usable above the drawer.
        const r = toggle.getBoundingClientRect();
        const hit = el.shadowRoot.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        assert(toggle.contains(hit), `toggle not covered (found ${hit?.localName})`);
      };
      const closed = async (how) => {
        await waitFor(() => !deep(el, 'cc-sidebar'), `${how} closes the drawer`);
        equal(toggle.getAttribute('aria-expanded'), 'false', `${how}: collapsed`);
        assert(!deep(el, '.chat').inert, `${how}: the chat is usable`);
        await waitFor(() => el.shadowRoot.activeElement === toggle, `${how}: focus back on the toggle`);
      };

      await open();
      const clip = { x: 0, y: 0, width: innerWidth, height: innerHeight };
      assert(await executeServerCommand('cc-screenshot', { name: screenshot, clip }), 'screenshot');
      await axeClean(el, 'drawer open');
      await sendKeys({ press: 'Escape' });
      await closed('Escape');

      await open();
      // A tap beside the drawer, on the dimmed chat.
      const page = deep(el, '.page').getBoundingClientRect();
      await sendMouse({ type: 'click', position: [Math.round(page.right - 12), Math.round(page.bottom - 80)] });
      await closed('a tap outside');

      await open();
      toggle.click();
      await closed('the toggle');

      await open();
      pick(el, 'Beta plan');
      await closed('selecting a conversation');
      await waitFor(() => el.chat.getSnapshot().conversationId === beta, 'beta opened');

      await open();
      pick(el, 'Alpha plan');
      await closed('selecting another');
      await waitFor(() => el.chat.getSnapshot().conversationId === alpha, 'alpha opened');

      await open();
      deep(el, 'cc-sidebar', '[part="new-chat-button"]').click();
      await closed('New chat');
      equal(el.chat.getSnapshot().conversationId, null, 'a new chat');
      await sendMouse({ type: 'move', position: [0, 0] });
    });
  });
}

describe('recent chats in the launcher', () => {
  afterEach(cleanup);

  it('has no axe violations open, searching, and with no matches', async () => {
    const user = newUser();
    await seed(user, ['Alpha plan', 'Beta plan']);
    const el = await createChat({ mode: 'launcher', open: '' }, { user });
    await axeClean(el, 'launcher with its header buttons');
    deep(el, '.drawer-toggle').click();
    await waitFor(() => listItems(el).length === 2, 'recent chats listed');
    await axeClean(el, 'recent chats open');
    search(el, 'alpha');
    await waitFor(() => listItems(el).length === 1 && listOf(el).querySelector('mark'), 'a match marked');
    await axeClean(el, 'search with a match');
    search(el, 'zzqx');
    await waitFor(() => listOf(el).querySelector('.empty')?.textContent.trim() === 'No matches', 'No matches');
    await axeClean(el, 'no matches');
  });
});
