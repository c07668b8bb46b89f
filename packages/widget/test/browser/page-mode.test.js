import { executeServerCommand } from '@web/test-runner-commands';
import '../../dist/company-chat.js';
import { QUARTER_PROMPT } from './fixtures/canned-replies.js';
import {
  assert,
  cleanup,
  createChat,
  deep,
  equal,
  messageBody,
  messages,
  newUser,
  settled,
  waitFor,
} from './helpers.js';

// The list loads on demand (a lazy chunk): empty until its element is defined and has rendered.
function sidebarItems(el) {
  return [...(deep(el, 'cc-sidebar')?.shadowRoot?.querySelectorAll('li:not(.more)') ?? [])];
}

describe('page mode', () => {
  afterEach(cleanup);

  it('lists conversations; opens, renames, searches and deletes them', async () => {
    const user = newUser();
    const writer = await createChat({ mode: 'page' }, { user });
    await writer.send('first conversation');
    await settled(writer, 2);
    writer.chat.reset();
    await writer.send('second conversation');
    await settled(writer, 2);
    await waitFor(() => sidebarItems(writer).length === 2, 'two conversations in the sidebar');
    cleanup();

    const el = await createChat({ mode: 'page' }, { user });
    await waitFor(() => sidebarItems(el).length === 2, 'sidebar loaded');
    const sidebar = deep(el, 'cc-sidebar').shadowRoot;
    // Most recent first; open the older one.
    const older = sidebarItems(el)[1].querySelector('button.open');
    older.click();
    await waitFor(() => el.chat.getSnapshot().messages.length === 2, 'conversation loaded');
    equal(messageBody(el, 1).textContent.trim(), 'You said: first conversation', 'loaded answer');

    // Rename inline.
    sidebarItems(el)[1].querySelector('[aria-label^="Rename"]').click();
    const input = await waitFor(() => sidebar.querySelector('input.rename'), 'rename input');
    input.value = 'Renamed chat';
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await waitFor(() => sidebar.textContent.includes('Renamed chat'), 'renamed in the list');
    equal(
      (await el.client.listConversations()).conversations.some((c) => c.title === 'Renamed chat'),
      true,
      'stored',
    );

    // Search (on the server) finds it by its title.
    const search = sidebar.querySelector('input[type="search"]');
    search.value = 'renamed';
    search.dispatchEvent(new Event('input'));
    await waitFor(() => sidebarItems(el).length === 1, 'search filtered');
    search.value = '';
    search.dispatchEvent(new Event('input'));
    await waitFor(() => sidebarItems(el).length === 2, 'search cleared');

    // Delete with inline confirmation; the open conversation is cleared.
    const row = await waitFor(() => sidebarItems(el).find((li) => li.textContent.includes('Renamed chat')), 'row');
    row.querySelector('[aria-label^="Delete"]').click();
    const confirm = await waitFor(() => sidebar.querySelector('button.danger'), 'confirm button');
    confirm.click();
    await waitFor(() => sidebarItems(el).length === 1, 'deleted');
    equal(el.chat.getSnapshot().messages.length, 0, 'open conversation cleared');

    // New chat.
    deep(el, 'cc-sidebar', '[part="new-chat-button"]').click();
    equal(el.chat.getSnapshot().conversationId, null, 'new chat');
  });

  it('screenshot of a conversation in page mode', async () => {
    document.body.style.margin = '0';
    const el = await createChat({ mode: 'page', theme: 'light' }, { width: 1100, height: 760 });
    await el.send('What does the engine store before calling the model?');
    await settled(el, 2);
    el.chat.reset();
    await el.send(QUARTER_PROMPT);
    await settled(el, 2);
    await waitFor(() => sidebarItems(el).length >= 2, 'sidebar');
    const body = messageBody(el, 1);
    assert(body.querySelector('table') && body.querySelector('pre') && body.querySelector('ol'), 'rich answer');
    equal(messages(el).length, 2, 'two messages');
    const path = await executeServerCommand('cc-screenshot', {
      name: 'page-mode-conversation',
      width: 1100,
      height: 760,
    });
    assert(path.endsWith('.png'), 'screenshot saved');
    document.body.style.margin = '';
  });
});

describe('screenshots of other states', () => {
  afterEach(cleanup);

  it('launcher panel, dark theme, right-to-left', async () => {
    document.documentElement.dir = 'rtl';
    try {
      const el = await createChat({ mode: 'launcher', theme: 'dark', open: '' });
      await el.send(QUARTER_PROMPT);
      await settled(el, 2);
      await Promise.all(el.shadowRoot.getAnimations({ subtree: true }).map((a) => a.finished));
      const path = await executeServerCommand('cc-screenshot', { name: 'launcher-dark-rtl', width: 900, height: 760 });
      assert(path.endsWith('.png'), 'screenshot saved');
    } finally {
      document.documentElement.dir = '';
    }
  });
});

describe('page mode by keyboard', () => {
  afterEach(cleanup);

  it('renames a conversation with the keyboard only', async () => {
    const { sendKeys } = await import('@web/test-runner-commands');
    const el = await createChat({ mode: 'page' });
    await el.send('keyboard rename');
    await settled(el, 2);
    await waitFor(() => sidebarItems(el).length === 1, 'listed');
    const sidebar = deep(el, 'cc-sidebar').shadowRoot;
    sidebar.querySelector('[aria-label^="Rename"]').focus();
    await sendKeys({ press: 'Enter' });
    const input = await waitFor(() => sidebar.querySelector('input.rename'), 'rename input');
    await waitFor(() => sidebar.activeElement === input, 'input focused');
    await sendKeys({ type: 'Typed title' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => sidebar.textContent.includes('Typed title'), 'renamed');
    // Delete: Enter on the delete button moves focus to the confirmation; Enter confirms.
    sidebar.querySelector('[aria-label^="Delete"]').focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => sidebar.activeElement?.classList.contains('danger'), 'confirm focused');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => sidebar.querySelectorAll('li').length === 0, 'deleted');
  });
});
