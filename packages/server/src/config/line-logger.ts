import type { Logger } from '@company-chat/core';

/**
 * A core {@link Logger} that writes through the CLI's line logger, so warnings from the engine's
 * backends (Redis unavailable, limits falling back to memory) appear in the same log as the start-up
 * report. Details are appended as JSON.
 */
export function lineLogger(log: (line: string) => void): Logger {
  const line = (prefix: string, message: string, details?: Record<string, unknown>) =>
    log(`${prefix}${message}${details && Object.keys(details).length > 0 ? ` ${JSON.stringify(details)}` : ''}`);
  return {
    info: (message, details) => line('', message, details),
    warn: (message, details) => line('warning: ', message, details),
    error: (message, details) => line('error: ', message, details),
  };
}
