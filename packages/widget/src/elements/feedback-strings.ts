/** The strings of the thumbs under an answer; override them through `<company-chat>`'s `strings`. */
export interface FeedbackStrings {
  feedbackGood: string;
  feedbackBad: string;
  feedbackCommentLabel: string;
  feedbackSend: string;
  feedbackThanks: string;
}

/** English defaults (part of the lazily loaded feedback, not of the main bundle). */
export const feedbackStrings: FeedbackStrings = {
  feedbackGood: 'Good answer',
  feedbackBad: 'Bad answer',
  feedbackCommentLabel: 'What could be better? (optional)',
  feedbackSend: 'Send feedback',
  feedbackThanks: 'Thanks for your feedback.',
};
