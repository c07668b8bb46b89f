import { apiKeysCases } from '@company-chat/testing/conformance';
import { describe, expect, it } from 'vitest';
import { constantTimeEqual } from './constant-time-equal.js';
import { createMemoryApiKeyStore } from './memory-api-key-store.js';

describe('API keys over the memory store', () => {
  apiKeysCases(async () => ({ store: createMemoryApiKeyStore() }));

  it('compares in constant time over the longer length', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });
});
