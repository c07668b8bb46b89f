import { describe, expect, it } from 'vitest';
import { completeOpenMarkdown } from './complete-open-markdown.js';

describe('completeOpenMarkdown', () => {
  it.each([
    ['Some **bold te', 'Some **bold te**'],
    ['Some *it', 'Some *it*'],
    ['**bold and *it', '**bold and *it***'],
    ['old ~~gone', 'old ~~gone~~'],
    ['run `npm i', 'run `npm i`'],
    ['see [the docs', 'see the docs'],
    ['see [the docs](https://exa', 'see the docs'],
    ['done **bold** and *it*', 'done **bold** and *it*'],
    ['a `*` star', 'a `*` star'],
    ['- item with **bo', '- item with **bo**'],
    ['* bullet', '* bullet'],
    ['trailing **', 'trailing **'],
    ['first line\nSome **bold', 'first line\nSome **bold**'],
    ['**bold** done\n', '**bold** done\n'],
  ])('%j → %j', (input, output) => {
    expect(completeOpenMarkdown(input)).toBe(output);
  });
});
