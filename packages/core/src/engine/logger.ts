/** Where the engine reports what operators should see. Defaults to `console`. */
export interface Logger {
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

/** Logs warnings and errors to the console; info is dropped so a library stays quiet by default. */
export const consoleLogger: Logger = {
  info: () => {},
  warn: (message, details) => console.warn(`[company-chat] ${message}`, details ?? ''),
  error: (message, details) => console.error(`[company-chat] ${message}`, details ?? ''),
};
