import { html } from 'lit';
import type { CompanyChatStrings } from '../strings.js';

/**
 * Starter prompts on the empty chat: the `suggestions` slot, or else one button per suggestion. A click
 * on any button inside (slotted ones included) sends its `value`, or its text when it has none.
 */
export function suggestionsView(list: readonly string[], s: CompanyChatStrings, send: (content: string) => void) {
  return html`<div
    class="suggestions"
    part="suggestions"
    slot="empty"
    role="group"
    aria-label=${s.suggestionsLabel}
    @click=${(e: Event) => {
      const button = e.composedPath().find((node): node is HTMLButtonElement => node instanceof HTMLButtonElement);
      const content = (button?.value || button?.textContent || '').trim();
      if (content && !button?.disabled) send(content);
    }}
  >
    <slot name="suggestions"
      >${(Array.isArray(list) ? list : []).map(
        (text) => html`<button type="button" part="suggestion" class="suggestion">${text}</button>`,
      )}</slot
    >
  </div>`;
}
