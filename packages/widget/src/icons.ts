import { svg } from 'lit';

// Inline SVG icons: no extra requests, no fonts. All decorative (buttons carry aria-labels).
const icon = (path: ReturnType<typeof svg>) =>
  svg`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${path}</svg>`;

/** Icons used by the widget. */
export const icons = {
  chat: icon(svg`<path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z"/>`),
  close: icon(svg`<path d="M18 6 6 18M6 6l12 12"/>`),
  send: icon(svg`<path d="M22 2 11 13M22 2l-7 20-4-9-9-4z"/>`),
  stop: icon(svg`<rect x="6" y="6" width="12" height="12" rx="1"/>`),
  copy: icon(
    svg`<rect x="9" y="9" width="13" height="13" rx="2"/><path d="M5 15H4a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2h9a2 2 0 0 1 2 2v1"/>`,
  ),
  regenerate: icon(svg`<path d="M21 12a9 9 0 1 1-3-6.7L21 8"/><path d="M21 3v5h-5"/>`),
  edit: icon(svg`<path d="M12 20h9"/><path d="M16.5 3.5a2.1 2.1 0 0 1 3 3L7 19l-4 1 1-4z"/>`),
  plus: icon(svg`<path d="M12 5v14M5 12h14"/>`),
  trash: icon(svg`<path d="M3 6h18M8 6V4h8v2M19 6l-1 14H6L5 6"/>`),
  attach: icon(
    svg`<path d="m21.4 11.1-9.2 9.2a6 6 0 0 1-8.5-8.5l9.2-9.2a4 4 0 0 1 5.7 5.7l-9.2 9.2a2 2 0 0 1-2.8-2.8l8.5-8.5"/>`,
  ),
  menu: icon(svg`<path d="M3 6h18M3 12h18M3 18h18"/>`),
  down: icon(svg`<path d="M12 5v14M5 12l7 7 7-7"/>`),
  more: icon(svg`<circle cx="5" cy="12" r="1"/><circle cx="12" cy="12" r="1"/><circle cx="19" cy="12" r="1"/>`),
};
