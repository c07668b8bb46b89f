import { css } from 'lit';

/** Styles of `<cc-message>`: bubbles, meta line, actions, versions, citations, errors. */
export const ccMessageStyles = css`
      :host {
        display: block;
      }
      article {
        display: flex;
        flex-direction: column;
        gap: 4px;
        max-width: 100%;
      }
      .user {
        align-items: flex-end;
      }
      .bubble {
        border-radius: var(--cc-radius);
        padding: 0.55em 0.85em;
        max-width: 100%;
      }
      .user .bubble {
        background: var(--cc-color-user-bg);
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        max-width: 85%;
      }
      .assistant .bubble {
        background: var(--cc-color-assistant-bg);
        padding-inline: 0;
        width: 100%;
      }
      .meta {
        display: flex;
        gap: 0.5em;
        align-items: baseline;
        font-size: 0.78em;
        color: var(--cc-color-muted);
      }
      .author {
        font-weight: 600;
      }
      .mark {
        border: 1px solid var(--cc-color-border);
        border-radius: 999px;
        padding: 0 0.5em;
      }
      /* No dimming: the version counter is text and needs its full contrast. */
      .actions {
        display: flex;
        gap: 2px;
      }
      .avatar {
        width: 1.6em;
        height: 1.6em;
        border-radius: 50%;
        object-fit: cover;
        align-self: center;
      }
      .sent-files {
        display: flex;
        flex-wrap: wrap;
        gap: 4px;
        margin: 0;
        padding: 0;
        list-style: none;
        font-size: 0.82em;
      }
      .sent-files li {
        padding: 0.2em 0.6em;
        border: 1px solid var(--cc-color-border);
        border-radius: 999px;
        overflow-wrap: anywhere;
      }
      .sent-files small {
        margin-inline-start: 0.4em;
        color: var(--cc-color-muted);
      }
      .cursor::after {
        content: '▍';
        animation: blink 1s steps(2) infinite;
        color: var(--cc-color-muted);
      }
      @keyframes blink {
        50% {
          opacity: 0;
        }
      }
      .versions {
        display: inline-flex;
        align-items: center;
        gap: 2px;
        font-size: 0.8em;
        color: var(--cc-color-muted);
      }
      .citations {
        margin: 0.4em 0 0;
        padding-inline-start: 1.4em;
        font-size: 0.85em;
        color: var(--cc-color-muted);
      }
      .citations q {
        display: block;
        font-style: italic;
      }
      .citations .source {
        padding: 0;
        border: none;
        background: none;
        color: var(--cc-color-link);
        font: inherit;
        text-decoration: underline;
      }
      /* The error's words until <cc-error-notice> is defined (its file still loading, or offline). */
      cc-error-notice:not(:defined) {
        display: block;
        color: var(--cc-color-error);
        background: var(--cc-color-error-bg);
        border-radius: var(--cc-radius);
        padding: 0.45em 0.75em;
        font-size: 0.9em;
      }
      /* Lazily defined parts rendered into this message: their contents lay out as the message's own. */
      cc-citations,
      cc-message-actions,
      cc-message-editor {
        display: contents;
      }
      .edit-actions {
        display: flex;
        gap: 0.4em;
      }
    `;
