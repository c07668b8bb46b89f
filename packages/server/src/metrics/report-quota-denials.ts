import { type Instrumentation, QuotaError } from '@company-chat/core';

/**
 * The same ledger or rate limiter, reporting each refusal (`QuotaError`) as a `quota-denied` event.
 * A proxy rather than a wrapper per method: refusals come from any method of either interface
 * (`hit`, `acquireStream`, `reserve`, ...), and a method added later is covered without a change here.
 */
export function reportQuotaDenials<T extends object>(target: T, instrumentation: Instrumentation): T {
  return new Proxy(target, {
    get(object, key) {
      const value: unknown = Reflect.get(object, key);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result: unknown = value.apply(object, args);
        if (!(result instanceof Promise)) return result;
        return result.catch((error: unknown) => {
          if (error instanceof QuotaError) {
            instrumentation.record({ type: 'quota-denied', limit: error.limit, scope: error.scope });
          }
          throw error;
        });
      };
    },
  });
}
