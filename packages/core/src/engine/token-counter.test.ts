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
});
