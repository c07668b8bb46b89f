import { css } from 'lit';

/** Styles of `<cc-chat-tools>`: a modal dialog with the file list and the export buttons. */
export const ccChatToolsStyles = css`
  dialog {
    width: min(34em, calc(100vw - 32px));
    max-height: min(80vh, 40em);
    padding: var(--cc-spacing);
    border: 1px solid var(--cc-color-border);
    border-radius: calc(var(--cc-radius) * 1.4);
    background: var(--cc-color-bg);
    color: var(--cc-color-fg);
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.25);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.35);
  }
  .head {
    display: flex;
    align-items: center;
    justify-content: space-between;
  }
  h2,
  h3 {
    margin: 0.2em 0 0.5em;
    font-size: 1em;
    font-weight: 600;
  }
  .files {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .files li {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    align-items: center;
    column-gap: 8px;
    padding: 0.4em 0;
    border-block-end: 1px solid var(--cc-color-border);
  }
  .files .name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .files span:not(.name) {
    grid-column: 1;
    font-size: 0.8em;
  }
  .files button {
    grid-column: 2;
    grid-row: 1 / span 2;
  }
  .muted {
    color: var(--cc-color-muted);
  }
  .failed {
    color: var(--cc-color-error);
  }
  .message:empty {
    display: none;
  }
  .export {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    margin-block-start: var(--cc-spacing);
  }
  .export button {
    border: 1px solid var(--cc-color-border);
    border-radius: 6px;
    background: var(--cc-color-surface);
    padding: 0.4em 0.8em;
  }
`;
