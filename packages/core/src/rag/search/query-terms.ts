import { searchWords } from '../../conversations/search-words.js';

// Function words (and quantifiers such as "all", "many") of the languages users most often ask in; they
// match nearly every chunk and carry no meaning, so they are left out of queries (the full-text rank in Postgres has no IDF to discount them).
const STOPWORDS = new Set(
  (
    'a all an and any are as at be but by can do does did each every for from had has have how i if in into is it its ' +
    'many me much my ' +
    'no not of on or our please should so than that the their them then there these they this to us was ' +
    'we were what when where which who why will with would you your ' +
    'der die das und ist ein eine zu den mit von le la les et est un une des du de el los las y es en que'
  ).split(' '),
);

/**
 * The words of a search query worth matching: lower-cased, function words dropped, a plural `s`
 * trimmed (a crude stem, so `allowances` finds `allowance`), at most `max` distinct words.
 */
export function queryTerms(query: string, max = 16): string[] {
  const terms = new Set<string>();
  for (const word of searchWords(splitCamelCase(query))) {
    if (STOPWORDS.has(word)) continue;
    terms.add(stem(word));
    if (terms.size >= max) break;
  }
  return [...terms];
}

/**
 * The query terms with the word forms to match exactly in a `simple` full-text index: what the user
 * typed, the stem and its plural (`week` → week, weeks; `policy` → policy, policies). Exact lexemes
 * keep GIN lookups cheap where `:*` prefix matching would scan ranges of the index.
 */
export function queryTermForms(query: string, max = 16): string[][] {
  const forms = new Map<string, Set<string>>();
  for (const word of searchWords(splitCamelCase(query))) {
    if (STOPWORDS.has(word)) continue;
    const base = stem(word);
    let set = forms.get(base);
    if (!set) {
      if (forms.size >= max) break;
      set = new Set([base, base.endsWith('y') ? `${base.slice(0, -1)}ies` : `${base}s`]);
      forms.set(base, set);
    }
    set.add(word);
  }
  return [...forms.values()].map((set) => [...set]);
}

/** The crude stem applied to both indexed words and query words in the memory index. */
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** The words a text is indexed under: camelCase split, lower-cased, stemmed (memory index and queries). */
export function indexWords(text: string): string[] {
  return searchWords(splitCamelCase(text)).map(stem);
}

function splitCamelCase(text: string): string {
  return text.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2');
}
