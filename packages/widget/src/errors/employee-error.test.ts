import type { ChatErrorInfo, ErrorCode } from '@company-chat/core/client';
import { describe, expect, it } from 'vitest';
import { defaultStrings } from '../strings.js';
import { employeeError } from './employee-error.js';
import { resetTime } from './reset-time.js';

// Every code the server and client can produce: the compiler fails here when a code is added.
const codes = {
  auth: true,
  rate_limited: true,
  overloaded: true,
  context_length_exceeded: true,
  bad_request: true,
  timeout: true,
  network: true,
  upstream: true,
  invalid_request: true,
  invalid_json: true,
  payload_too_large: true,
  unsupported_media_type: true,
  method_not_allowed: true,
  not_found: true,
  unknown_model: true,
  no_model_configured: true,
  conversation_busy: true,
  unauthenticated: true,
  forbidden: true,
  quota_exceeded: true,
  quota_unavailable: true,
  shutting_down: true,
  data_dir_locked: true,
  store_unavailable: true,
  aborted: true,
  not_supported: true,
  unreadable_file: true,
  password_protected: true,
  empty_file: true,
  archive_limits: true,
  document_limits: true,
  parse_timeout: true,
  internal: true,
} satisfies Record<ErrorCode, true>;

// What servers say to developers: none of it may reach an employee.
const adminWords = /HTTP|\b[45]\d\d\b|OpenAI|Anthropic|Azure|Ollama|API key|credential|tokensPer|quota|limit \w+Per/i;
const now = new Date(2030, 0, 1, 9, 0);
const at = (hours: number, minutes = 0) => new Date(2030, 0, 1, hours, minutes);

describe('employeeError', () => {
  it('has words for every error code, free of HTTP codes, vendor names and key advice', () => {
    const table = Object.fromEntries(
      Object.keys(codes).map((code) => {
        const shown = employeeError(
          {
            code,
            message: `OpenAI rejected the credentials (HTTP 401); check the configured API key`,
            retryable: true,
          },
          defaultStrings,
          now,
        );
        return [code, shown.text];
      }),
    );
    for (const [code, text] of Object.entries(table)) expect(text, code).not.toMatch(adminWords);
    expect(table).toMatchSnapshot();
  });

  it('says until when a used-up allowance lasts, from Retry-After, and offers no retry until then', () => {
    const retryAt = at(14);
    const error: ChatErrorInfo = {
      code: 'quota_exceeded',
      message: 'Quota used up: user limit tokensPerDay reached. Try again in 18000 s.',
      retryable: true,
      retryAfterMs: 5 * 3600_000,
      retryAt: retryAt.toISOString(),
      limit: 'tokensPerDay',
    };
    const shown = employeeError(error, defaultStrings, now);
    expect(shown).toEqual({
      text: `You have used today's allowance. It resets at ${resetTime(retryAt, now)}.`,
      canRetry: false,
      retryAt,
      code: 'quota_exceeded',
    });
    expect(resetTime(retryAt, now)).toBe(retryAt.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
    // Once the time has come, Retry can help again.
    expect(employeeError(error, defaultStrings, at(14, 1)).canRetry).toBe(true);
    // A monthly budget names the day too.
    const monthly = employeeError(
      { ...error, limit: 'tokensPerMonth', retryAt: new Date(2030, 1, 1).toISOString() },
      defaultStrings,
      now,
    );
    expect(monthly.text).toBe(
      `You have used this month's allowance. It resets on ${resetTime(new Date(2030, 1, 1), now)}.`,
    );
    expect(employeeError({ ...error, retryAt: undefined }, defaultStrings, now)).toMatchObject({
      text: 'You have used your allowance for now.',
      canRetry: true,
    });
  });

  it('tells the user’s own rate limit from a busy model service', () => {
    const mine: ChatErrorInfo = {
      code: 'rate_limited',
      message: 'Too many requests',
      retryable: true,
      retryAt: at(9, 1).toISOString(),
      limit: 'messagesPerMinute',
    };
    expect(employeeError(mine, defaultStrings, now)).toMatchObject({
      text: `You are sending messages faster than allowed. You can continue at ${resetTime(at(9, 1), now)}.`,
      canRetry: false,
    });
    const provider: ChatErrorInfo = {
      code: 'rate_limited',
      message: 'OpenAI rate limit reached (HTTP 429)',
      retryable: true,
    };
    expect(employeeError(provider, defaultStrings, now)).toMatchObject({
      text: defaultStrings.errorOverloaded,
      canRetry: true,
    });
  });

  it('offers retry only where it can help, and takes overridden strings', () => {
    expect(employeeError({ code: 'forbidden', message: '', retryable: false }, defaultStrings).canRetry).toBe(false);
    expect(employeeError({ code: 'upstream', message: '', retryable: true }, defaultStrings).canRetry).toBe(true);
    const t = { ...defaultStrings, errorUnavailable: 'Der Assistent ist gerade nicht erreichbar.' };
    expect(employeeError({ code: 'auth', message: '', retryable: false }, t).text).toBe(
      'Der Assistent ist gerade nicht erreichbar.',
    );
    expect(employeeError({ code: 'some_future_code', message: 'x', retryable: true }, defaultStrings).text).toBe(
      defaultStrings.errorGeneric,
    );
  });
});
