import { css } from 'lit';

/** Layout of `<company-chat>` in its three modes. Logical properties throughout, so RTL just works. */
export const companyChatStyles = css`
  /*
   * The page's styles must not leak in: inherited text properties are set here, !important because an
   * outer rule (even a page-wide * rule) beats a normal :host rule. Colours and fonts follow the --cc-*
   * properties; direction still inherits on purpose, so the chat follows an RTL page.
   */
  :host {
    display: block;
    background: var(--cc-color-bg);
    color: var(--cc-color-fg) !important;
    font: 400 var(--cc-font-size) / normal var(--cc-font-family) !important;
    letter-spacing: normal !important;
    word-spacing: normal !important;
    text-align: start !important;
    text-indent: 0 !important;
    text-transform: none !important;
    text-shadow: none !important;
    white-space: normal !important;
  }
  .suggestions {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: 8px;
    margin-block-start: 1em;
  }
  .suggestion {
    border: 1px solid var(--cc-color-border);
    border-radius: var(--cc-radius);
    background: var(--cc-color-surface);
    padding: 0.5em 0.8em;
  }
  :host([mode='inline']),
  :host([mode='page']) {
    height: 100%;
    min-height: 320px;
  }
  :host([mode='launcher']) {
    background: none;
  }
  .inline,
  .page,
  .panel {
    height: 100%;
    min-height: 0;
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    grid-template-rows: auto 1fr;
  }
  /* minmax(0, 1fr) columns: wide content (code, tables) scrolls inside instead of widening the chat. */
  .chat {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    grid-template-rows: 1fr auto auto;
    height: 100%;
    min-height: 0;
  }
  .page {
    grid-template-columns: var(--cc-sidebar-width) minmax(0, 1fr);
    background: var(--cc-color-bg);
  }
  .page.no-sidebar,
  .page.drawer {
    grid-template-columns: minmax(0, 1fr);
  }
  /* Column -2 is the last one: beside the sidebar in wide page mode, the only one otherwise. */
  .header {
    grid-area: 1 / -2;
  }
  .chat,
  .backdrop {
    grid-area: 2 / -2;
  }
  .page > cc-sidebar {
    grid-area: 1 / 1 / 3;
  }
  /* The drawer lies over the chat, under the header, so the toggle that closes it is never covered. */
  .inline > cc-sidebar,
  .panel > cc-sidebar,
  .page.drawer > cc-sidebar {
    grid-area: 2 / 1;
    z-index: 2;
    width: min(85%, var(--cc-sidebar-width));
    box-shadow: 4px 0 24px rgb(0 0 0 / 0.2);
  }
  .backdrop {
    z-index: 1;
    background: rgb(0 0 0 / 0.3);
  }
  .header {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 8px var(--cc-spacing);
    border-block-end: 1px solid var(--cc-color-border);
    background: var(--cc-color-surface);
  }
  .header h2 {
    flex: 1;
    margin: 0;
    font-size: 1em;
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  cc-composer {
    padding: 0 var(--cc-spacing) var(--cc-spacing);
    width: 100%;
  }
  cc-message-list {
    height: 100%;
  }
  .page cc-message-list,
  .page cc-composer {
    max-width: 52em;
    width: 100%;
    justify-self: center;
  }
  .quota {
    margin: 0 var(--cc-spacing) 6px;
    font-size: 0.78em;
    color: var(--cc-color-muted);
  }
  .quota.alert {
    color: var(--cc-color-error);
  }
  .banner {
    margin: 0 var(--cc-spacing) 8px;
    padding: 0.45em 0.75em;
    border-radius: var(--cc-radius);
    color: var(--cc-color-error);
    background: var(--cc-color-error-bg);
    font-size: 0.9em;
  }
  .launcher {
    position: fixed;
    inset-block-end: 20px;
    inset-inline-end: 20px;
    z-index: var(--cc-z-index);
    width: 56px;
    height: 56px;
    border-radius: 50%;
    border: none;
    background: var(--cc-color-accent);
    color: var(--cc-color-accent-fg);
    box-shadow: 0 4px 16px rgb(0 0 0 / 0.25);
    display: flex;
    align-items: center;
    justify-content: center;
  }
  .launcher svg {
    width: 26px;
    height: 26px;
  }
  .panel {
    position: fixed;
    inset-block-end: 88px;
    inset-inline-end: 20px;
    z-index: var(--cc-z-index);
    width: min(var(--cc-panel-width), calc(100vw - 40px));
    height: min(var(--cc-panel-height), calc(100vh - 120px));
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    grid-template-rows: auto 1fr;
    background: var(--cc-color-bg);
    border: 1px solid var(--cc-color-border);
    border-radius: calc(var(--cc-radius) * 1.4);
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.25);
    overflow: hidden;
    animation: cc-pop 160ms ease-out;
  }
  @keyframes cc-pop {
    from {
      opacity: 0;
      transform: translateY(8px);
    }
  }
`;
