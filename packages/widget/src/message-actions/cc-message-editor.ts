import { html, LitElement } from 'lit';
import { defineElement } from '../define-element.js';
import { type CompanyChatStrings, defaultStrings } from '../strings.js';

/**
 * The edit form of a sent message, in place of its bubble: Save sends the edited text as a new version
 * (`close(text)`), Cancel or Escape keeps the message as it was (`close()`). Focuses its text when shown.
 *
 * Rendered into the light DOM of the `<cc-message>` that shows it, whose styles apply.
 */
export class CcMessageEditor extends LitElement {
  static override properties = {
    content: { attribute: false },
    strings: { attribute: false },
    close: { attribute: false },
  };

  /** The text the form starts with. */
  declare content: string;
  declare strings: CompanyChatStrings;
  /** Called with the trimmed new text on Save (nothing when it is empty), without on Cancel or Escape. */
  declare close: (content?: string) => void;

  constructor() {
    super();
    this.content = '';
    this.strings = defaultStrings;
    this.close = () => {};
  }

  protected override createRenderRoot() {
    return this;
  }

  protected override firstUpdated() {
    this.querySelector('textarea')?.focus();
  }

  protected override render() {
    const save = () => this.close(this.querySelector('textarea')?.value.trim() || undefined);
    return html`<textarea
        aria-label=${this.strings.edit}
        .value=${this.content}
        @keydown=${(e: KeyboardEvent) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            this.close();
          }
        }}
      ></textarea>
      <div class="edit-actions">
        <button type="button" class="icon-button" @click=${save}>${this.strings.save}</button>
        <button type="button" class="icon-button" @click=${() => this.close()}>${this.strings.cancel}</button>
      </div>`;
  }
}

defineElement('cc-message-editor', CcMessageEditor);

declare global {
  interface HTMLElementTagNameMap {
    'cc-message-editor': CcMessageEditor;
  }
}
