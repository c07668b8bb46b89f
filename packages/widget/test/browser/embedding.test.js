import { executeServerCommand } from '@web/test-runner-commands';
// No static import of the bundle here: the first test measures what importing it adds to the page.
import { assert, cleanup, endpoint, equal, waitFor } from './helpers.js';

describe('embedding', () => {
  afterEach(cleanup);

  it('loading the script adds no globals to the host page', async () => {
    const before = new Set(Object.getOwnPropertyNames(window));
    await import('/packages/widget/dist/company-chat.js');
    const added = Object.getOwnPropertyNames(window).filter((k) => !before.has(k));
    equal(added.join(), '', 'new globals');
    assert(customElements.get('company-chat'), 'element registered');
  });

  it('works in a page with a strict CSP (no inline script or style, no eval) without violations', async () => {
    const frame = document.createElement('iframe');
    frame.style.width = '700px';
    frame.style.height = '500px';
    frame.src = '/__cc-csp-page.html';
    document.body.append(frame);
    const chat = await waitFor(
      () =>
        frame.contentDocument?.querySelector('company-chat')?.shadowRoot &&
        frame.contentDocument.querySelector('company-chat'),
      'widget in the CSP page',
    );
    await chat.updateComplete;
    chat.headers = { 'x-user-id': `csp${Date.now()}` };
    await chat.send('under csp');
    await waitFor(() => chat.chat.getSnapshot().messages[1]?.status === 'complete', 'answer under CSP');
    const md = chat.shadowRoot
      .querySelector('cc-message-list')
      .shadowRoot.querySelectorAll('cc-message')[1]
      .shadowRoot.querySelector('cc-markdown');
    equal(md.shadowRoot.textContent.trim(), 'You said: under csp', 'answer rendered');
    // Styles applied (constructable stylesheets are allowed by style-src 'self').
    const composer = chat.shadowRoot.querySelector('cc-composer').shadowRoot.querySelector('form');
    equal(frame.contentWindow.getComputedStyle(composer).display, 'grid', 'styles applied');
    // Highlighting and math: chunks loaded under script-src 'self', themes as constructable stylesheets,
    // and KaTeX's style attributes (errors, \pmb, \fcolorbox) never reach the page.
    const doc = frame.contentDocument;
    const code = doc.createElement('code');
    code.dataset.lang = 'ts';
    code.textContent = 'const answer: number = 42;';
    const formulas = ['\\pmb{x} + \\fcolorbox{red}{blue}{y}', '\\frac{1}{'].map((tex) => {
      const node = doc.createElement('span');
      node.className = 'cc-math';
      node.textContent = tex;
      return node;
    });
    md.shadowRoot.append(code, ...formulas);
    md.enhancers.code(code, 'ts', code.textContent);
    for (const node of formulas) md.enhancers.math(node, node.textContent, false);
    await waitFor(() => code.querySelector('.hljs-keyword'), 'highlighted under CSP');
    await waitFor(
      () => formulas[0].querySelector('math') && formulas[1].querySelector('.katex-error'),
      `math under CSP: ${formulas.map((f) => f.innerHTML).join(' | ')}`,
    );
    const keyword = frame.contentWindow.getComputedStyle(code.querySelector('.hljs-keyword')).color;
    assert(keyword !== frame.contentWindow.getComputedStyle(code).color, 'highlight theme applied');
    equal(frame.contentWindow.__cspViolations.join('\n'), '', 'CSP violations');
    assert(endpoint, 'endpoint');
  });

  it('two copies of the script do not break the page', async () => {
    await import('/packages/widget/dist/company-chat.js?copy=2');
    assert(customElements.get('company-chat'), 'still registered');
  });
});

describe('the demo page served by the chat server', () => {
  it('one script tag and one element chat with streaming answers', async () => {
    const text = await executeServerCommand('cc-visit-demo', {
      message: 'Hello from the demo page',
      expect: 'You said: Hello from the demo page',
    });
    equal(text.trim(), 'You said: Hello from the demo page', 'answer in the demo page');
  });
});
