import { css } from 'lit';

/** The dark palette, shared by `theme="dark"` and `theme="auto"` under a dark system setting. */
const darkPalette = css`
  --cc-color-bg: #17191c;
  --cc-color-surface: #202328;
  --cc-color-fg: #e8eaed;
  --cc-color-muted: #a3abb5;
  --cc-color-border: #3a3f46;
  --cc-color-accent: #7aa2ff;
  --cc-color-accent-fg: #0b1020;
  --cc-color-link: #8ab0ff;
  --cc-color-user-bg: #273349;
  --cc-color-code-bg: #23272d;
  --cc-color-error: #ffb4ab;
  --cc-color-error-bg: #3b1d1a;
  --cc-color-focus: #8ab0ff;
  color-scheme: dark;
`;

/**
 * Defaults of the `--cc-*` custom properties. They are set on the root element's `:host`, which the
 * host page's own rules override (outer styles win over `:host`), and inherit into every inner element.
 */
export const themeStyles = css`
  :host {
    --cc-color-bg: #ffffff;
    --cc-color-surface: #f6f7f9;
    --cc-color-fg: #1b1f24;
    --cc-color-muted: #59636e;
    --cc-color-border: #d5dae0;
    --cc-color-accent: #2456d6;
    --cc-color-accent-fg: #ffffff;
    --cc-color-link: #1f4fc7;
    --cc-color-user-bg: #e9effd;
    --cc-color-assistant-bg: transparent;
    --cc-color-code-bg: #f2f4f7;
    --cc-color-error: #b3261e;
    --cc-color-error-bg: #fdecea;
    --cc-color-focus: #2456d6;
    --cc-radius: 10px;
    --cc-font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    --cc-font-mono: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    --cc-font-size: 15px;
    --cc-spacing: 12px;
    --cc-panel-width: 400px;
    --cc-panel-height: 600px;
    --cc-sidebar-width: 260px;
    --cc-z-index: 2147483000;
    color-scheme: light;
  }
  :host([theme='dark']) {
    ${darkPalette}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${darkPalette}
    }
  }
`;

/** Shared control styles (buttons, focus ring, visually hidden text, reduced motion). */
export const controlStyles = css`
  :host {
    font-family: var(--cc-font-family);
    font-size: var(--cc-font-size);
    color: var(--cc-color-fg);
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
  }
  :focus-visible {
    outline: 2px solid var(--cc-color-focus);
    outline-offset: 2px;
  }
  .icon-button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.3em;
    min-width: 28px;
    min-height: 28px;
    padding: 0.2em 0.45em;
    background: none;
    border: 1px solid transparent;
    border-radius: 6px;
    color: var(--cc-color-muted);
    font-size: 0.85em;
  }
  .icon-button:hover {
    border-color: var(--cc-color-border);
    color: var(--cc-color-fg);
  }
  .icon-button svg {
    width: 16px;
    height: 16px;
    flex: none;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation: none !important;
      transition: none !important;
      scroll-behavior: auto !important;
    }
  }
`;
