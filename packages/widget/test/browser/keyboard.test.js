import { sendKeys } from '@web/test-runner-commands';
import '../../dist/company-chat.js';
import { assert, cleanup, createChat, deep, equal, messageBody, script, settled, waitFor } from './helpers.js';

/** The element focused inside nested shadow roots. */
function activeDeep() {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

describe('keyboard', () => {
  afterEach(cleanup);

  it('Enter sends, Shift+Enter adds a line, and focus stays in the composer', async () => {
    const el = await createChat();
    const textarea = deep(el, 'cc-composer', 'textarea');
    textarea.focus();
    await sendKeys({ type: 'first line' });
    await sendKeys({ press: 'Shift+Enter' });
    await sendKeys({ type: 'second line' });
    equal(textarea.value, 'first line\nsecond line', 'newline inserted');
    await sendKeys({ press: 'Enter' });
    await settled(el, 2);
    equal(el.chat.getSnapshot().messages[0].content, 'first line\nsecond line', 'sent content');
    equal(messageBody(el, 1).textContent.trim(), 'You said: first line\nsecond line', 'answer');
    equal(textarea.value, '', 'composer cleared');
    equal(activeDeep(), textarea, 'focus returned to the composer');
  });

  it('Escape stops a streaming answer', async () => {
    const el = await createChat();
    const textarea = deep(el, 'cc-composer', 'textarea');
    textarea.focus();
    el.send(script({ chunks: ['Streaming...'], hang: true }));
    await waitFor(() => messageBody(el, 1)?.textContent.includes('Streaming'), 'partial answer');
    textarea.focus();
    await sendKeys({ press: 'Escape' });
    await settled(el, 2);
    equal(el.chat.getSnapshot().messages[1].status, 'aborted', 'aborted by Escape');
  });

  it('every control is reachable by Tab and shows a visible focus ring', async () => {
    const el = await createChat();
    await el.send('hello');
    await settled(el, 2);
    const textarea = deep(el, 'cc-composer', 'textarea');
    textarea.focus();
    await sendKeys({ type: 'x' });
    // Walk backwards from the composer through the message actions.
    const reached = [];
    for (let i = 0; i < 8; i++) {
      await sendKeys({ press: 'Shift+Tab' });
      const a = activeDeep();
      reached.push(a.getAttribute('aria-label') || a.getAttribute('part') || a.tagName);
      if (a.tagName === 'BUTTON') {
        const style = getComputedStyle(a);
        assert(
          style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2,
          `visible focus on ${reached.at(-1)}`,
        );
      }
    }
    for (const label of ['Copy', 'Regenerate', 'Edit'])
      assert(reached.includes(label), `${label} reachable: ${reached}`);
  });

  it('launcher: opens with the keyboard, focuses the composer, Escape closes and returns focus', async () => {
    const el = await createChat({ mode: 'launcher' });
    const launcher = deep(el, '.launcher');
    launcher.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await waitFor(() => deep(el, '[part="panel"]'), 'panel');
    await waitFor(() => activeDeep() === deep(el, 'cc-composer', 'textarea'), 'composer focused');
    equal(launcher.getAttribute('aria-expanded'), 'true', 'aria-expanded');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => !deep(el, '[part="panel"]'), 'panel closed');
    await waitFor(() => activeDeep() === deep(el, '.launcher'), 'focus back on launcher');
  });
});
