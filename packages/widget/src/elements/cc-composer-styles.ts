import { css } from 'lit';

/** Styles of `<cc-composer>`: the form, textarea, buttons, tools row and attachment chips. */
export const ccComposerStyles = css`
      :host {
        display: block;
      }
      form {
        display: grid;
        grid-template-columns: 1fr auto;
        gap: 6px;
        align-items: end;
        border: 1px solid var(--cc-color-border);
        border-radius: var(--cc-radius);
        padding: 6px;
        background: var(--cc-color-bg);
      }
      form:focus-within {
        border-color: var(--cc-color-focus);
        box-shadow: 0 0 0 1px var(--cc-color-focus);
      }
      /* The form's ring shows the focus; a second ring on the textarea inside it would be noise. */
      textarea:focus-visible {
        outline: none;
      }
      textarea {
        resize: none;
        border: none;
        background: transparent;
        padding: 6px;
        min-height: 2.4em;
        max-height: 12em;
        line-height: 1.4;
        outline: none;
        overflow-y: auto;
      }
      .send,
      .stop {
        display: inline-flex;
        align-items: center;
        justify-content: center;
        width: 36px;
        height: 36px;
        border-radius: 8px;
        border: none;
        background: var(--cc-color-accent);
        color: var(--cc-color-accent-fg);
      }
      .send[disabled] {
        opacity: 0.45;
        cursor: default;
      }
      .send svg,
      .stop svg {
        width: 18px;
        height: 18px;
      }
      .row {
        grid-column: 1 / -1;
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: 8px;
        font-size: 0.78em;
        color: var(--cc-color-muted);
      }
      .knowledge {
        display: inline-flex;
        align-items: center;
        gap: 4px;
      }
      select {
        border: 1px solid var(--cc-color-border);
        border-radius: 6px;
        background: var(--cc-color-bg);
        padding: 2px 4px;
      }
      .over {
        color: var(--cc-color-error);
      }
      .tools {
        grid-column: 1 / -1;
        display: flex;
        align-items: center;
        gap: 8px;
        flex-wrap: wrap;
        font-size: 0.8em;
        color: var(--cc-color-muted);
      }
      .attachments {
        grid-column: 1 / -1;
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .attachments li {
        display: inline-flex;
        align-items: center;
        gap: 4px;
        font-size: 0.8em;
        border: 1px solid var(--cc-color-border);
        border-radius: 999px;
        padding: 1px 4px 1px 10px;
        max-width: 100%;
      }
      .attachments li.error {
        color: var(--cc-color-error);
        border-color: currentColor;
      }
      .attachments .name {
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        max-width: 16em;
      }
      form.dragging {
        border-style: dashed;
        border-color: var(--cc-color-accent);
      }
      input[type='file'] {
        display: none;
      }
    `;
