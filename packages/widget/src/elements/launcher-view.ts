import { html, nothing, type TemplateResult } from 'lit';
import { icons } from '../icons.js';
import type { CompanyChatStrings } from '../strings.js';

/** What {@link launcherView} needs from `<company-chat>`. */
export interface LauncherViewOptions {
  open: boolean;
  strings: CompanyChatStrings;
  /** Renders the panel header with the given extra control (the close button). */
  header: (extra: TemplateResult) => TemplateResult;
  chat: TemplateResult;
  setOpen: (open: boolean) => void;
  /** Escape closes the panel unless an answer streams (then Escape stops it, in the composer). */
  canClose: () => boolean;
}

/** Launcher mode: a floating button at the inline-end corner and, when open, the chat panel above it. */
export function launcherView(o: LauncherViewOptions): TemplateResult {
  const t = o.strings;
  const close = html`<button
    type="button"
    class="icon-button"
    part="close-button"
    aria-label=${t.closeChat}
    @click=${() => o.setOpen(false)}
  >
    ${icons.close}
  </button>`;
  const panel = html`<section
    class="panel"
    part="panel"
    role="dialog"
    aria-label=${t.title}
    @keydown=${(e: KeyboardEvent) => {
      if (e.key === 'Escape' && o.canClose()) o.setOpen(false);
    }}
  >
    ${o.header(close)} ${o.chat}
  </section>`;
  return html`${o.open ? panel : nothing}
    <button
      type="button"
      class="launcher"
      part="launcher"
      aria-label=${o.open ? t.closeChat : t.openChat}
      aria-expanded=${o.open ? 'true' : 'false'}
      @click=${() => o.setOpen(!o.open)}
    >
      ${o.open ? icons.close : icons.chat}
    </button>`;
}
