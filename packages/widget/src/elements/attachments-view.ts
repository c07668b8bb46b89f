import type { ChatAttachment } from '@company-chat/core/client';
import { html, nothing } from 'lit';
import { formatSize } from '../attachments/accept-file.js';
import type { CompanyChatStrings } from '../strings.js';

/** The files sent with a user message, under its bubble. */
export function attachmentsView(list: readonly ChatAttachment[] | undefined, s: CompanyChatStrings) {
  if (!list?.length) return nothing;
  return html`<ul class="sent-files" aria-label=${s.attachments}>
    ${list.map(
      (a) =>
        html`<li part="sent-attachment" dir="auto">
          ${a.name}${a.sizeBytes === undefined ? nothing : html`<small>${formatSize(a.sizeBytes)}</small>`}
        </li>`,
    )}
  </ul>`;
}
