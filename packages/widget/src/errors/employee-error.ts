import type { ChatErrorInfo } from '@company-chat/core/client';
import { type CompanyChatStrings, format } from '../strings.js';
import { resetTime } from './reset-time.js';

/** The strings that explain an error code (server and client codes alike). */
type ErrorKey = {
  [K in keyof CompanyChatStrings]: K extends `error${string}` ? K : never;
}[keyof CompanyChatStrings];

/**
 * The words for each error code a user can meet. Provider failures say what it means for the user
 * (unavailable, busy, slow) and never name the vendor, a status or a key: that detail is in the
 * server log. Codes not listed here (newer servers) get `errorGeneric`.
 */
export const ERROR_TEXT: Readonly<Record<string, ErrorKey>> = {
  network: 'errorNetwork',
  unauthenticated: 'errorSignedOut',
  forbidden: 'errorForbidden',
  not_found: 'errorNotFound',
  conversation_busy: 'errorBusy',
  context_length_exceeded: 'errorConversationTooLong',
  payload_too_large: 'errorMessageTooLong',
  bad_request: 'errorRejected',
  invalid_request: 'errorRequest',
  invalid_json: 'errorRequest',
  unsupported_media_type: 'errorRequest',
  method_not_allowed: 'errorRequest',
  // The model service refused the server's own credentials, failed, or is not configured: nothing the
  // user can change, and nothing for them to pass on but the code.
  auth: 'errorUnavailable',
  upstream: 'errorUnavailable',
  unknown_model: 'errorUnavailable',
  no_model_configured: 'errorUnavailable',
  store_unavailable: 'errorUnavailable',
  quota_unavailable: 'errorUnavailable',
  shutting_down: 'errorUnavailable',
  data_dir_locked: 'errorUnavailable',
  internal: 'errorGeneric',
  overloaded: 'errorOverloaded',
  timeout: 'errorTimeout',
  not_supported: 'errorNotSupported',
  unreadable_file: 'errorFileUnreadable',
  password_protected: 'errorFilePassword',
  empty_file: 'errorFileEmpty',
  archive_limits: 'errorFileTooLarge',
  document_limits: 'errorFileTooLarge',
  parse_timeout: 'errorFileTimeout',
  aborted: 'errorGeneric',
};

/** An error as the widget shows it. */
export interface EmployeeError {
  /** What happened and what to do, in the user's words. */
  text: string;
  /** Whether a Retry button can help now. */
  canRetry: boolean;
  /** When retrying starts to make sense, if not yet (a used-up allowance, a rate limit). */
  retryAt: Date | null;
  /** The stable code, for the details disclosure and for the helpdesk to find the server's log line. */
  code: string;
}

const daily = new Set(['tokensPerDay']);
const monthly = new Set(['tokensPerMonth', 'costPerMonth']);

/**
 * Turns any error into the words an employee reads. Quota and rate refusals say until when
 * (from the server's `Retry-After`), and offer no retry while it cannot help.
 */
export function employeeError(error: ChatErrorInfo, t: CompanyChatStrings, now: Date = new Date()): EmployeeError {
  const at = error.retryAt ? new Date(error.retryAt) : null;
  const waiting = at !== null && at.getTime() > now.getTime();
  const time = at ? resetTime(at, now) : '';
  let text: string;
  // `rate_limited` without a limit named is the model provider's: the service is busy, not the user.
  if (error.code === 'quota_exceeded') {
    const key = !at
      ? 'quotaUsedUpNoTime'
      : daily.has(error.limit ?? '')
        ? 'quotaUsedUpToday'
        : monthly.has(error.limit ?? '')
          ? 'quotaUsedUpMonth'
          : 'quotaUsedUp';
    text = format(t[key], { time });
  } else if (error.code === 'rate_limited' && error.limit) {
    text = at ? format(t.rateLimited, { time }) : t.rateLimitedNoTime;
  } else if (error.code === 'rate_limited') {
    text = t.errorOverloaded;
  } else {
    text = t[ERROR_TEXT[error.code] ?? 'errorGeneric'];
  }
  return { text, canRetry: error.retryable && !waiting, retryAt: waiting ? at : null, code: error.code };
}
