/** The strings of the passage viewer; override them through `<company-chat>`'s `strings`. */
export interface PassageStrings {
  /** Shown while the passage loads. */
  passageLoading: string;
  /** The viewer's accessible name. `{name}` (the file) is replaced. */
  passageLabel: string;
}

/** English defaults (part of the lazily loaded passage viewer, not of the main bundle). */
export const passageStrings: PassageStrings = {
  passageLoading: 'Loading the passage…',
  passageLabel: 'Passage from {name}',
};
