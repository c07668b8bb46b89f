import type { ChatCitation } from '@company-chat/core/client';
import { html, LitElement, nothing } from 'lit';
import { defineElement } from '../define-element.js';
import { type CompanyChatStrings, defaultStrings } from '../strings.js';
import './cc-passage.js';
import type { PassageLoader } from './cc-passage.js';
import { citationPlace } from './citation-place.js';

/**
 * The sources an answer cites, numbered like its `[n]` markers: file, where in the file, the snippet,
 * and (when the chat can load passages) a button that shows the cited passage in context.
 *
 * Rendered into the light DOM, i.e. into the `<cc-message>` that holds it, so the message's styles and
 * parts apply to it unchanged. It is its own file, fetched while the first answer streams: most answers
 * are read before anyone looks at their sources.
 *
 * @csspart citations - The list; `citation-source` is a source's button, `passage` the passage shown.
 */
export class CcCitations extends LitElement {
  static override properties = {
    citations: { attribute: false },
    strings: { attribute: false },
    getPassage: { attribute: false },
    open: { state: true },
  };

  declare citations: readonly ChatCitation[];
  declare strings: CompanyChatStrings;
  /** Loads a cited passage; without it, sources show their snippet only. */
  declare getPassage: PassageLoader | undefined;
  /** The citation (its number) whose passage is shown. */
  declare open: number | null;

  constructor() {
    super();
    this.citations = [];
    this.strings = defaultStrings;
    this.open = null;
  }

  protected override createRenderRoot() {
    return this;
  }

  /** The file's name; a button that shows the passage when it can be opened. */
  #source(c: ChatCitation) {
    if (!c.passageId || !this.getPassage) return c.fileName;
    const open = this.open === c.index;
    return html`<button
      type="button"
      class="source"
      part="citation-source"
      aria-expanded=${open ? 'true' : 'false'}
      @click=${() => {
        this.open = open ? null : c.index;
      }}
    >${c.fileName}</button>`;
  }

  protected override render() {
    const s = this.strings;
    if (this.citations.length === 0) return nothing;
    return html`<ol class="citations" part="citations" aria-label=${s.sources}>
      ${this.citations.map((c) => {
        const place = citationPlace(c, s);
        return html`<li value=${c.index}>
          ${this.#source(c)}${place ? `, ${place}` : nothing}
          <q>${c.snippet}</q>
          ${
            this.open === c.index && c.passageId
              ? html`<cc-passage
                exportparts="passage"
                file-id=${c.fileId}
                file-name=${c.fileName}
                passage-id=${c.passageId}
                .load=${this.getPassage}
                .strings=${s}
              ></cc-passage>`
              : nothing
          }
        </li>`;
      })}
    </ol>`;
  }
}

defineElement('cc-citations', CcCitations);

declare global {
  interface HTMLElementTagNameMap {
    'cc-citations': CcCitations;
  }
}
