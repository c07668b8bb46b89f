/** Where the engine reports what operators should see. Defaults to `console`. */
export interface Logger {
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

/**
 * One log record as one line of JSON (`{"level","msg",...details}`), so log shippers parse it without
 * multi-line rules and an operator can grep for a request id.
 */
export function formatLogLine(level: 'info' | 'warn' | 'error', message: string, details?: Record<string, unknown>) {
  return JSON.stringify({ level, msg: message, ...details }, (_key, value: unknown) =>
    value instanceof Error ? `${value.name}: ${value.message}` : value,
  );
}

/** Logs warnings and errors to the console as one-line JSON; info is dropped so a library stays quiet by default. */
export const consoleLogger: Logger = {
  info: () => {},
  warn: (message, details) => console.warn(formatLogLine('warn', message, details)),
  error: (message, details) => console.error(formatLogLine('error', message, details)),
};
