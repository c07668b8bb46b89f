import { readFileSync } from 'node:fs';
import { documentFixturesUrl } from '@company-chat/testing/rag';
import { Tiktoken } from 'js-tiktoken/lite';
import ranks from 'js-tiktoken/ranks/o200k_base';
import { describe, expect, it } from 'vitest';
import { loadDefaultTokenCounter } from './token-counter.js';

describe('default token counter', () => {
  it('counts with the o200k_base encoding and treats special tokens as text', async () => {
    const counter = await loadDefaultTokenCounter();
    expect(counter.count('hello world')).toBe(2);
    expect(counter.count('')).toBe(0);
    expect(counter.count('<|endoftext|>')).toBeGreaterThan(1);
    expect(await loadDefaultTokenCounter()).toBe(counter);
  });

  it('counts exactly as tiktoken does, text after text (its piece cache changes nothing)', async () => {
    const counter = await loadDefaultTokenCounter();
    const reference = new Tiktoken(ranks);
    const fixtures = documentFixturesUrl;
    const texts = [
      ...['onboarding.md', 'intranet.html', 'offices.csv', 'benefits.json', 'notes.txt'].flatMap((f) =>
        readFileSync(new URL(f, fixtures), 'utf8').split('\n'),
      ),
      'Grüße aus Köln: naïve café, 東京 and 😀 emoji;   spaced   out\t\ttabs\n\n  trailing  ',
      "it's we'll THEY'RE 1234567 3.14159 -42 <|endoftext|> <|fim_prefix|>",
      `${'x'.repeat(200)} ${'ab '.repeat(50)}`,
    ];
    for (let round = 0; round < 2; round++) {
      for (const text of texts) expect(counter.count(text)).toBe(reference.encode(text, [], []).length);
    }
  });
});
