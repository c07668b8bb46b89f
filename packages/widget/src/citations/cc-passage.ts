import type { FilePassage } from '@company-chat/core/client';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { defineElement } from '../define-element.js';
import { employeeError } from '../errors/employee-error.js';
import { type CompanyChatStrings, defaultStrings, format } from '../strings.js';
import { type PassageStrings, passageStrings } from './passage-strings.js';

/** Loads a passage of a file, as `ChatClient.getPassage()` does. */
export type PassageLoader = (fileId: string, passageId: string) => Promise<FilePassage>;

type Shown = { state: 'loading' } | { state: 'error'; text: string } | { state: 'ready'; found: FilePassage };

/**
 * The passage a citation points at, in context: the text before it, the passage itself (marked) and
 * the text after it. Loaded from the server when shown; text only.
 *
 * @csspart passage - The viewer.
 */
export class CcPassage extends LitElement {
  static override styles = css`
    :host {
      display: block;
      margin-top: 0.4em;
    }
    section {
      max-height: 16em;
      overflow: auto;
      border-inline-start: 3px solid var(--cc-color-border);
      padding: 0.2em 0.7em;
      font-style: normal;
      color: var(--cc-color-fg);
    }
    p {
      margin: 0.3em 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .context,
    .loading {
      color: var(--cc-color-muted);
    }
    mark {
      background: var(--cc-color-user-bg);
      color: inherit;
    }
    .error {
      color: var(--cc-color-error);
    }
  `;
  static override properties = {
    fileId: { attribute: 'file-id' },
    fileName: { attribute: 'file-name' },
    passageId: { attribute: 'passage-id' },
    load: { attribute: false },
    strings: { attribute: false },
    shown: { state: true },
  };

  declare fileId: string;
  declare fileName: string;
  declare passageId: string;
  /** Fetches the passage (with the chat's credentials). */
  declare load: PassageLoader | undefined;
  declare strings: CompanyChatStrings;
  declare shown: Shown;
  #loaded = '';

  constructor() {
    super();
    this.fileId = '';
    this.fileName = '';
    this.passageId = '';
    this.strings = defaultStrings;
    this.shown = { state: 'loading' };
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const key = `${this.fileId}\n${this.passageId}`;
    if (!this.load || key === this.#loaded) return;
    this.#loaded = key;
    this.shown = { state: 'loading' };
    this.load(this.fileId, this.passageId).then(
      (found) => {
        if (this.#loaded === key) this.shown = { state: 'ready', found };
      },
      (error: { code?: string; message?: string; isRetryable?: boolean }) => {
        if (this.#loaded !== key) return;
        const info = { code: error.code ?? 'internal', message: error.message ?? '', retryable: !!error.isRetryable };
        this.shown = { state: 'error', text: employeeError(info, this.strings).text };
      },
    );
  }

  protected override render() {
    const s = { ...passageStrings, ...this.strings } as CompanyChatStrings & PassageStrings;
    const shown = this.shown;
    if (shown.state === 'loading') return html`<p class="loading" role="status">${s.passageLoading}</p>`;
    if (shown.state === 'error') return html`<p class="error" role="alert">${shown.text}</p>`;
    // Where it is in the file is said by the source above it.
    const { passage, previous, next } = shown.found;
    // Focusable, so that a keyboard user can scroll a long passage.
    return html`<section part="passage" tabindex="0" aria-label=${format(s.passageLabel, { name: this.fileName })}>
      ${previous ? html`<p class="context">${previous.text}</p>` : nothing}
      <p><mark>${passage.text}</mark></p>
      ${next ? html`<p class="context">${next.text}</p>` : nothing}
    </section>`;
  }
}

defineElement('cc-passage', CcPassage);

declare global {
  interface HTMLElementTagNameMap {
    'cc-passage': CcPassage;
  }
}
