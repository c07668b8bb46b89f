// What streaming costs beyond the answer itself: finished messages are not re-rendered per token while
// another answer streams, and a message's time is formatted once, not per token.
import '../../dist/company-chat.js';
import { assert, cleanup, createChat, equal, messages, script, settled } from './helpers.js';

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
});
