import { describe, expect, it } from 'vitest';
import { codeForStatus, providerErrorForStatus } from './provider-error-for-status.js';

describe('codeForStatus', () => {
  it.each([
    [401, 'auth'],
    [403, 'auth'],
    [429, 'rate_limited'],
    [529, 'overloaded'],
    [503, 'overloaded'],
    [400, 'bad_request'],
    [404, 'bad_request'],
    [422, 'bad_request'],
    [408, 'timeout'],
    [504, 'timeout'],
    [500, 'upstream'],
    [502, 'upstream'],
  ])('%i → %s', (status, code) => {
    expect(codeForStatus(status)).toBe(code);
  });
});

describe('providerErrorForStatus', () => {
  it('turns a 400 about the context window into context_length_exceeded', () => {
    const e = providerErrorForStatus({
      provider: 'openai',
      vendor: 'OpenAI',
      status: 400,
      contextLengthExceeded: true,
    });
    expect(e.code).toBe('context_length_exceeded');
    expect(e.isRetryable).toBe(false);
  });
  it('an overloaded body wins over the status (e.g. a 500 saying overloaded)', () => {
    expect(providerErrorForStatus({ provider: 'x', vendor: 'X', status: 500, overloaded: true }).code).toBe(
      'overloaded',
    );
  });
  it('marks in-stream errors as upstream status 200', () => {
    const e = providerErrorForStatus({ provider: 'anthropic', vendor: 'Anthropic', status: 529, inStream: true });
    expect(e.upstreamStatus).toBe(200);
    expect(e.message).toContain('in the stream');
  });
});
