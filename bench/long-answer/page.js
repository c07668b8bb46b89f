// Runs in the benchmark page: streams an answer into <company-chat> (through its `fetch` option, as SSE
// events) or into deep-chat (through its stream handler), paced by in-page timers, and records long
// tasks and frame times while it streams.

/** Splits text into model-sized tokens of 4 characters. */
const tokenize = (text) => text.match(/[\s\S]{1,4}/g) ?? [];

/**
 * Calls `emit(tokens)` with the tokens due so far, every 10 ms, at `rate` characters per second; a rate
 * of 0 delivers everything in one burst. Resolves after the last token.
 */
function deliver(answer, rate, emit) {
  const tokens = tokenize(answer);
  if (!rate) {
    emit(tokens);
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const start = performance.now();
    let sent = 0;
    const tick = () => {
      const due = Math.min(tokens.length, Math.ceil(((performance.now() - start) * rate) / 4000));
      if (due > sent) emit(tokens.slice(sent, due));
      sent = due;
      if (sent >= tokens.length) resolve();
      else setTimeout(tick, 10);
    };
    tick();
  });
}

const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
/** Two frames, then an idle period: a user sends after the page has loaded, not in its first frames. */
const settledPage = () => frames().then(() => new Promise((r) => requestIdleCallback(() => r())));

/** Records long tasks and rAF deltas from now until `stop()`. */
function recorder() {
  const longTasks = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTasks.push(e.duration);
  });
  observer.observe({ type: 'longtask' });
  const deltas = [];
  let last = performance.now();
  let running = true;
  const loop = (t) => {
    deltas.push(t - last);
    last = t;
    if (running) requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  const start = performance.now();
  return {
    stop() {
      running = false;
      // Entries of the last task may still be queued: take them before disconnecting.
      for (const e of observer.takeRecords()) longTasks.push(e.duration);
      observer.disconnect();
      const sorted = deltas.slice(1).sort((a, b) => a - b);
      const p99 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0;
      return {
        wall: performance.now() - start,
        longTaskCount: longTasks.length,
        longTaskTotal: longTasks.reduce((a, b) => a + b, 0),
        longTaskMax: Math.max(0, ...longTasks),
        p99Frame: p99,
        frames: sorted.length,
      };
    },
  };
}

function sse(event, seq) {
  return `id: ${seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** A `fetch` for <company-chat> that answers every chat request with `answer`, paced at `rate`. */
function fakeServer(answer, rate, done) {
  const encoder = new TextEncoder();
  // A real server encodes on its own machine: the burst's bytes are made before the measurement starts,
  // so only the widget's work on them is measured (events 1 and 2 precede the text).
  const burstTokens = rate ? [] : tokenize(answer);
  const burst = encoder.encode(
    burstTokens.map((delta, i) => sse({ type: 'text-delta', messageId: 'a1', delta }, i + 3)).join(''),
  );
  const json = (body) => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
  return async (input) => {
    const path = new URL(String(input), location.href).pathname.replace(/^\/api\/v1/, '');
    if (path === '/models')
      return json({ models: [{ id: 'default', provider: 'bench', modelId: 'm', default: true }] });
    if (path !== '/chat') return new Response('{"error":{"code":"not_found","message":"no"}}', { status: 404 });
    let seq = 0;
    const at = new Date().toISOString();
    return new Response(
      new ReadableStream({
        async start(controller) {
          const send = (events) => controller.enqueue(encoder.encode(events.map((e) => sse(e, ++seq)).join('')));
          send([
            {
              type: 'conversation',
              created: true,
              conversation: { id: 'c1', title: 'bench', createdAt: at, updatedAt: at },
            },
            { type: 'message-start', userMessageId: 'u1', messageId: 'a1', model: 'default' },
          ]);
          if (!rate) {
            controller.enqueue(burst);
            seq += burstTokens.length;
          } else {
            await deliver(answer, rate, (tokens) =>
              send(tokens.map((delta) => ({ type: 'text-delta', messageId: 'a1', delta }))),
            );
          }
          send([
            {
              type: 'message-end',
              messageId: 'a1',
              status: 'complete',
              finishReason: 'stop',
              usage: null,
              timeToFirstTokenMs: 1,
              durationMs: 1,
            },
          ]);
          controller.close();
          done();
        },
      }),
      { headers: { 'content-type': 'text/event-stream' } },
    );
  };
}

/** Streams `answer` into a fresh <company-chat>; resolves with the recorded figures. */
async function runCompanyChat(answer, rate) {
  const el = document.createElement('company-chat');
  el.setAttribute('mode', 'inline');
  el.style.cssText = 'display:block;width:760px;height:640px';
  el.fetch = fakeServer(answer, rate, () => {});
  document.body.append(el);
  await el.updateComplete;
  await settledPage();
  const rec = recorder();
  await el.send('Write the long answer.');
  await frames();
  const result = rec.stop();
  const last = el.chat.getSnapshot().messages.at(-1);
  result.chars = last?.content.length ?? 0;
  el.remove();
  return result;
}

/** Streams `answer` into a fresh <deep-chat> through its stream handler. */
async function runDeepChat(answer, rate) {
  const el = document.createElement('deep-chat');
  el.style.cssText = 'display:block;width:760px;height:640px';
  let finished;
  const ended = new Promise((r) => {
    finished = r;
  });
  el.connect = {
    stream: true,
    handler: async (_body, signals) => {
      signals.onOpen();
      // deep-chat re-renders the whole message on every response, so tokens that arrive together (one
      // network chunk, or the whole backlog of a burst) are handed over as one response; per token the
      // burst alone takes minutes.
      await deliver(answer, rate, (tokens) => signals.onResponse({ text: tokens.join('') }));
      signals.onClose();
      finished();
    },
  };
  document.body.append(el);
  await frames();
  await settledPage();
  const rec = recorder();
  el.submitUserMessage({ text: 'Write the long answer.' });
  await ended;
  await frames();
  const result = rec.stop();
  result.chars = answer.length;
  el.remove();
  return result;
}

Object.assign(window, { bench: { runCompanyChat, runDeepChat } });
