// What streaming costs beyond the answer itself: finished messages are not re-rendered per token while
// another answer streams, a message's time is formatted once, not per token, renders are spaced by their
// cost, and each block of an answer contains its layout and paint.
import '../../dist/company-chat.js';
import { assert, cleanup, createChat, equal, messageBody, messages, script, settled } from './helpers.js';

/** Counts the renders of a Lit element from now on. */
function countRenders(el) {
  const counter = { renders: 0 };
  const render = el.render;
  el.render = function () {
    counter.renders++;
    return render.call(this);
  };
  return counter;
}

describe('render cost while streaming', () => {
  afterEach(cleanup);

  it('does not re-render finished messages while another answer streams', async () => {
    const el = await createChat();
    await el.send('first question');
    await settled(el, 2);
    const [question, answer] = messages(el);
    const counts = [countRenders(question), countRenders(answer)];
    const chunks = Array.from({ length: 200 }, (_, i) => `word${i} `);
    await el.send(script({ chunks, delayMs: 2 }));
    await settled(el, 4);
    equal(el.chat.getSnapshot().messages[3].content, chunks.join(''), 'second answer complete');
    // Only `busy` (answer started, answer ended) may re-render them: never once per token.
    for (const [i, { renders }] of counts.entries()) {
      assert(renders <= 2, `finished message ${i} rendered ${renders} times while 200 tokens streamed`);
    }
  });

  it('formats a streaming answer’s time once, not per token', async () => {
    const el = await createChat();
    const proto = Intl.DateTimeFormat.prototype;
    const format = Object.getOwnPropertyDescriptor(proto, 'format');
    const dateToLocaleString = Date.prototype.toLocaleString;
    let calls = 0;
    Object.defineProperty(proto, 'format', {
      ...format,
      get() {
        calls++;
        return format.get.call(this);
      },
    });
    Date.prototype.toLocaleString = function (...args) {
      calls++;
      return dateToLocaleString.apply(this, args);
    };
    try {
      await el.send(script({ chunks: Array.from({ length: 200 }, (_, i) => `w${i} `), delayMs: 2 }));
      await settled(el, 2);
    } finally {
      Object.defineProperty(proto, 'format', format);
      Date.prototype.toLocaleString = dateToLocaleString;
    }
    // Two messages, each a short label and a full tooltip, formatted when the message appears and again
    // when the server's ids arrive (the list is keyed by id, so that is a new element): never per token.
    assert(calls <= 8, `dates formatted ${calls} times for 2 messages and 200 tokens`);
  });

  it('spaces streaming renders by what they cost, so a slow device keeps most of its main thread', async () => {
    const el = await createChat();
    // Every render of the chat costs at least 30 ms from here on, as on a slow device.
    const render = el.render;
    let renders = 0;
    el.render = function () {
      renders++;
      const until = performance.now() + 30;
      while (performance.now() < until);
      return render.call(this);
    };
    const chunks = Array.from({ length: 300 }, (_, i) => `w${i} `);
    const started = performance.now();
    await el.send(script({ chunks, delayMs: 5 }));
    await settled(el, 2);
    const wall = performance.now() - started;
    equal(el.chat.getSnapshot().messages[1].content, chunks.join(''), 'answer complete');
    // Each streaming render waits four times its cost (at least 4 × 30 ms) after it ends: at most one per
    // 150 ms, plus the renders of the answer's start and end. A render every 50 ms would be about three
    // times as many.
    assert(renders <= wall / 150 + 6, `${renders} renders in ${Math.round(wall)} ms of streaming`);
  });

  it('contains the layout and paint of every block of an answer', async () => {
    const el = await createChat();
    await el.send(script({ chunks: ['# Title\n\n', 'Some text.\n\n', '- a\n- b\n\n', '```js\nx\n```\n'] }));
    await settled(el, 2);
    const blocks = [...messageBody(el, 1).querySelector('.markdown').children];
    equal(blocks.length, 4, 'four blocks');
    for (const block of blocks) equal(getComputedStyle(block).contain, 'layout paint', `${block.tagName} contained`);
  });
});
