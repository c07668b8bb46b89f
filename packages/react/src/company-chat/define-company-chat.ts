let loading: Promise<void> | null = null;

/**
 * Registers `<company-chat>` by importing the widget, once, in the browser only. A no-op (resolved)
 * during server rendering, where there is no `customElements`: the element upgrades after hydration.
 *
 * @example
 * ```ts
 * await defineCompanyChat(); // e.g. before measuring the element
 * ```
 */
export function defineCompanyChat(): Promise<void> {
  if (typeof customElements === 'undefined') return Promise.resolve();
  // Imported lazily so that importing this package never touches `customElements` or `window`
  // (the widget defines its elements at import time), and bundlers can split the widget off.
  loading ??= import('@company-chat/widget').then(() => undefined);
  return loading;
}
