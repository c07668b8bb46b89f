/** A message's time as shown: the `datetime` value, the short label and the full tooltip. */
export interface MessageTime {
  iso: string;
  label: string;
  title: string;
}

// Creating an Intl.DateTimeFormat costs far more than formatting with one: one pair per language.
const formatters = new Map<string, { short: Intl.DateTimeFormat; full: Intl.DateTimeFormat }>();

function formattersFor(lang: string) {
  let pair = formatters.get(lang);
  if (!pair) {
    const locale = lang || undefined;
    try {
      pair = {
        short: new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }),
        full: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }),
      };
    } catch {
      // An invalid `lang` attribute: fall back to the browser's language.
      pair = {
        short: new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }),
        full: new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' }),
      };
    }
    formatters.set(lang, pair);
  }
  return pair;
}

/** Creates the formatters for `lang` ahead of the first message (a page's first Intl formatter loads locale data). */
export function prepareMessageTime(lang: string): void {
  formattersFor(lang);
}

/** Formats a message timestamp for `lang` (empty: the browser's language); null for an invalid date. */
export function messageTime(createdAt: string, lang: string): MessageTime | null {
  const date = new Date(createdAt);
  if (Number.isNaN(date.getTime())) return null;
  const { short, full } = formattersFor(lang);
  return { iso: date.toISOString(), label: short.format(date), title: full.format(date) };
}

/** The language that applies to `el`: the nearest `lang` attribute, looking through shadow roots. */
export function languageOf(el: Element): string {
  let node: Element | null = el;
  while (node) {
    const found: Element | null = node.closest('[lang]');
    if (found) return found.getAttribute('lang') ?? '';
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return '';
}
