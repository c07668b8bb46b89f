import { type Logger, sanitizeLogDetails, sanitizeLogMessage } from '@company-chat/core';
import pino, { type DestinationStream } from 'pino';
import pretty from 'pino-pretty';
import type { Env } from './config-from-env.js';
import { enumFromEnv } from './enumerated-env.js';

/** Levels of {@link ServerLogger}, most verbose first; `silent` writes nothing. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
/** A level of {@link ServerLogger}. */
export type LogLevel = (typeof LOG_LEVELS)[number];
/** How {@link ServerLogger} writes lines: one JSON object a line, or human-readable. */
export type LogFormat = 'json' | 'pretty';

/** The server's log: the engine's {@link Logger} plus `debug`, writing masked, levelled lines. */
export interface ServerLogger extends Logger {
  debug(message: string, details?: Record<string, unknown>): void;
}

/** Options of {@link createServerLogger}. */
export interface ServerLoggerOptions {
  /** Lines below it are dropped. Default `info`. */
  level?: LogLevel;
  /** Default `json`. */
  format?: LogFormat;
  /** Where lines go. Default standard output. */
  destination?: DestinationStream;
  /** Colours in `pretty` lines. Default: when the destination is a TTY. */
  colorize?: boolean;
}

/**
 * The server's structured log (pino): one JSON object a line (`{"level","time","msg",...details}`), or
 * human-readable lines (pino-pretty). Messages and details pass through the audit log's masker
 * (`sanitizeLogDetails`): emails masked, secrets and user content redacted. The CLI writes its start-up
 * report, each request (`request`, with its `requestId`) and the engine's warnings here.
 *
 * @example
 * ```ts
 * const logger = createServerLogger({ level: 'warn' });
 * logger.warn('provider failed', { requestId: 'req-1', code: 'rate_limited' });
 * // {"level":"warn","time":"2026-01-05T09:00:00.000Z","requestId":"req-1","code":"rate_limited","msg":"provider failed"}
 * ```
 */
export function createServerLogger(options: ServerLoggerOptions = {}): ServerLogger {
  const destination = options.destination ?? pino.destination({ dest: 1, sync: true });
  const colorize = options.colorize ?? (destination as { isTTY?: boolean }).isTTY === true;
  const stream =
    options.format === 'pretty'
      ? pretty({ sync: true, colorize, destination, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss.l' })
      : destination;
  const log = pino(
    {
      level: options.level ?? 'info',
      // No pid or hostname: the container runtime labels lines with those.
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    stream,
  );
  const write =
    (level: 'debug' | 'info' | 'warn' | 'error') => (message: string, details?: Record<string, unknown>) => {
      if (!log.isLevelEnabled(level)) return;
      log[level](sanitizeLogDetails(details), sanitizeLogMessage(message));
    };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/**
 * {@link createServerLogger} configured by `LOG_LEVEL` (trace, debug, info, warn, error, fatal, silent; default info)
 * and `COMPANY_CHAT_LOG_FORMAT` (json, pretty; default pretty when standard output is a terminal, JSON
 * otherwise, as log shippers expect).
 */
export function serverLoggerFromEnv(env: Env, stdout: { isTTY?: boolean } = process.stdout): ServerLogger {
  const level = enumFromEnv(env, 'LOG_LEVEL', LOG_LEVELS) ?? 'info';
  const format =
    enumFromEnv(env, 'COMPANY_CHAT_LOG_FORMAT', ['json', 'pretty'] as const) ?? (stdout.isTTY ? 'pretty' : 'json');
  return createServerLogger({ level, format, colorize: stdout.isTTY === true });
}

/**
 * The start-up report's lines as log lines: `warning: ...` at warn, the rest at info. The report keeps
 * writing plain sentences while every line of the log is structured.
 */
export function reportTo(logger: Logger): (line: string) => void {
  return (line) => (line.startsWith('warning: ') ? logger.warn(line.slice('warning: '.length)) : logger.info(line));
}
