// BENCH_TRACE=1: where the time to the first token goes inside our server, one request at a time. Marks
// when the request reaches the app, when each store call starts and ends, when the provider is called
// and when its first delta arrives; `GET /__trace` answers, per step, the median over the requests of
// its start and end (ms after the request arrived), and resets.
import type { ChatModel, ChatStore } from '@company-chat/core';

type Mark = { step: string; start: number; end: number };
let t0 = 0;
let marks: Mark[] = [];
const requests: Mark[][] = [];
let firstSeen = false;

const since = () => performance.now() - t0;

/** The store, with each call before the current request's first token marked. */
export function traceStore(store: ChatStore): ChatStore {
  return new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (firstSeen) return value.apply(target, args);
        const mark = { step: `store.${String(key)}`, start: since(), end: Number.NaN };
        marks.push(mark);
        const result = value.apply(target, args) as Promise<unknown>;
        return result.finally(() => {
          mark.end = since();
        });
      };
    },
  });
}

/** The model, with the call and its first text delta marked. */
export function traceModel(model: ChatModel): ChatModel {
  return {
    ...model,
    specificationVersion: 'v1',
    provider: model.provider,
    modelId: model.modelId,
    warmUp: model.warmUp?.bind(model),
    async *doStream(request, options) {
      const mark = { step: 'provider: call → first delta', start: since(), end: Number.NaN };
      marks.push(mark);
      for await (const part of model.doStream(request, options)) {
        if (part.type === 'text-delta' && !firstSeen) {
          firstSeen = true;
          mark.end = since();
        }
        yield part;
      }
    },
  };
}

// biome-ignore lint/suspicious/noExplicitAny: hono's fetch takes (request, env?, executionCtx?).
type Fetch = (request: Request, ...rest: any[]) => Response | Promise<Response>;

/** The app's fetch, marking each chat request's arrival, and answering `GET /__trace`. */
export function traceFetch(fetch: Fetch): Fetch {
  return (request, ...rest) => {
    if (request.url.endsWith('/__trace')) return Response.json(summary());
    if (request.method === 'POST') {
      if (marks.length > 0) requests.push(marks);
      marks = [];
      firstSeen = false;
      t0 = performance.now();
    }
    return fetch(request, ...rest);
  };
}

function summary(): Array<{ step: string; n: number; start: number; end: number }> {
  if (marks.length > 0) requests.push(marks);
  marks = [];
  const byStep = new Map<string, Mark[]>();
  for (const request of requests.splice(0)) {
    // Repeated calls of one method in a request are numbered in order.
    const seen = new Map<string, number>();
    for (const mark of request) {
      const n = (seen.get(mark.step) ?? 0) + 1;
      seen.set(mark.step, n);
      const step = n > 1 ? `${mark.step} #${n}` : mark.step;
      byStep.set(step, [...(byStep.get(step) ?? []), mark]);
    }
  }
  const med = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
  return [...byStep]
    .map(([step, list]) => ({
      step,
      n: list.length,
      start: med(list.map((m) => m.start)),
      end: med(list.filter((m) => !Number.isNaN(m.end)).map((m) => m.end)),
    }))
    .sort((a, b) => a.start - b.start);
}
