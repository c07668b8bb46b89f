import { executeServerCommand } from '@web/test-runner-commands';
import '../../dist/company-chat.js';
import { assert, cleanup, createChat, deep, equal, settled, waitFor } from './helpers.js';

describe('launcher mode', () => {
  afterEach(cleanup);

  it('opens a panel that chats, fires cc-open-change, and closes keeping the conversation', async () => {
    const el = await createChat({ mode: 'launcher' });
    const changes = [];
    el.addEventListener('cc-open-change', (e) => changes.push(e.detail.open));
    const launcher = deep(el, '[part="launcher"]');
    const rect = launcher.getBoundingClientRect();
    // Floating at the bottom inline-end corner.
    assert(rect.right > window.innerWidth - 100 && rect.bottom > window.innerHeight - 100, 'bottom right');
    launcher.click();
    await waitFor(() => deep(el, '[part="panel"]'), 'panel');
    await el.send('from the launcher');
    await settled(el, 2);
    deep(el, '[part="close-button"]').click();
    await waitFor(() => !deep(el, '[part="panel"]'), 'closed');
    launcher.click();
    await waitFor(() => deep(el, '[part="panel"]'), 'reopened');
    equal(el.chat.getSnapshot().messages.length, 2, 'conversation kept');
    equal(changes.join(), 'true,false,true', 'cc-open-change');
  });

  it('offers a model picker when the server has several models and uses the choice', async () => {
    const el = await createChat();
    const select = await waitFor(() => deep(el, 'cc-composer', '[part="model-select"]'), 'model picker');
    equal([...select.options].map((o) => o.value).join(), 'default,fast', 'models');
    select.value = 'fast';
    select.dispatchEvent(new Event('change'));
    await el.send('which model');
    await settled(el, 2);
    equal(el.chat.getSnapshot().messages[1].model, 'fast', 'answered by the picked model');
  });

  it('shows a character counter near the limit and enforces it', async () => {
    const el = await createChat({ 'max-length': '20' });
    const textarea = deep(el, 'cc-composer', 'textarea');
    equal(textarea.maxLength, 20, 'maxlength');
    textarea.value = 'x'.repeat(18);
    textarea.dispatchEvent(new Event('input'));
    await deep(el, 'cc-composer').updateComplete;
    assert(deep(el, 'cc-composer').shadowRoot.textContent.includes('18 / 20'), 'counter');
  });
});

describe('media preferences', () => {
  afterEach(async () => {
    await executeServerCommand('cc-emulate', { reducedMotion: 'no-preference', colorScheme: 'light' });
    cleanup();
  });

  it('theme="auto" follows the dark colour scheme', async () => {
    await executeServerCommand('cc-emulate', { colorScheme: 'dark' });
    const el = await createChat({ theme: 'auto' });
    const bg = getComputedStyle(deep(el, '.inline')).getPropertyValue('--cc-color-bg').trim();
    equal(bg, '#17191c', 'dark background');
  });

  it('prefers-reduced-motion: the panel opens without animation', async () => {
    await executeServerCommand('cc-emulate', { reducedMotion: 'reduce' });
    const el = await createChat({ mode: 'launcher' });
    deep(el, '[part="launcher"]').click();
    await waitFor(() => deep(el, '[part="panel"]'), 'panel');
    equal(el.shadowRoot.getAnimations({ subtree: true }).length, 0, 'no running animations');
  });
});
