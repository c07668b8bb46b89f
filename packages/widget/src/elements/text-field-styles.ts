import { css } from 'lit';

/** The text fields under a message: its edit form (`<cc-message>`) and the feedback comment (`<cc-feedback>`). */
export const textFieldStyles = css`
  textarea {
    width: min(100%, 36em);
    min-height: 3.5em;
    border: 1px solid var(--cc-color-border);
    border-radius: var(--cc-radius);
    padding: 0.45em;
    background: var(--cc-color-bg);
  }
`;
