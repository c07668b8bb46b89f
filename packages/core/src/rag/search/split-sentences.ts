// One segmenter for the process: constructing one loads locale data. Sentence boundaries follow
// Unicode UAX #29, which handles abbreviations ("e.g.", "i.e.") and decimals better than a regex.
const segmenter = new Intl.Segmenter(undefined, { granularity: 'sentence' });

/**
 * The sentences of a passage, in order. Lines are split first: chunk text keeps headings, list items
 * and table rows on lines of their own, and a heading has no full stop to end it, so segmenting across
 * lines would glue it to the sentence that follows.
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  for (const line of text.split(/\n+/)) {
    for (const { segment } of segmenter.segment(line)) {
      const sentence = segment.replace(/\s+/g, ' ').trim();
      if (sentence) sentences.push(sentence);
    }
  }
  return sentences;
}
