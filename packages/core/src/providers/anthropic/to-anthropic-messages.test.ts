import { expect, it } from 'vitest';
import { toAnthropicMessages } from './to-anthropic-messages.js';

it('merges same-role turns, drops leading assistant turns and empty texts', () => {
  expect(
    toAnthropicMessages([
      { role: 'assistant', content: 'orphan' },
      { role: 'user', content: 'a' },
      { role: 'assistant', content: '  ' },
      { role: 'user', content: 'b' },
      { role: 'assistant', content: 'c' },
      { role: 'assistant', content: 'd' },
      { role: 'user', content: 'e' },
    ]),
  ).toEqual([
    { role: 'user', content: 'a\n\nb' },
    { role: 'assistant', content: 'c\n\nd' },
    { role: 'user', content: 'e' },
  ]);
});
