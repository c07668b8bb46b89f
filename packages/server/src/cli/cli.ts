#!/usr/bin/env node
// The `company-chat` command. Built to dist/cli.js, which bin/company-chat.js (package.json `bin`) runs.
import { createWorkerParser } from '@company-chat/core/worker-parser';
import { ConfigError } from '../config/config-from-env.js';
import { createServerStoresFromEnv } from '../config/create-server-stores-from-env.js';
import { migrateFromEnv } from '../config/create-store-from-env.js';
import { serverLoggerFromEnv } from '../config/server-logger.js';
import { createKnowledgeFromEnv } from '../files/create-knowledge-from-env.js';
import { INGEST_USAGE, parseIngestArgs, runIngest } from './ingest-command.js';
import { parseCliArgs, USAGE } from './parse-cli-args.js';
import { runServe } from './serve-command.js';

const log = (line: string) => console.log(line);

/** `company-chat ingest`: its own options (--collection, ...), so it is parsed before the serve parser. */
async function ingest(argv: string[]): Promise<void> {
  const args = parseIngestArgs(argv);
  if ('help' in args) {
    process.stdout.write(INGEST_USAGE);
    return;
  }
  if ('error' in args) {
    process.stderr.write(`company-chat ingest: ${args.error}\n\n${INGEST_USAGE}`);
    process.exitCode = 2;
    return;
  }
  // The same database the server uses (PGlite refuses a directory a running server holds: use
  // PostgreSQL or the HTTP API then; the lock error says so).
  const stores = await createServerStoresFromEnv(process.env);
  const parser = createWorkerParser();
  try {
    const { knowledge, description, fileStorage } = await createKnowledgeFromEnv({
      env: process.env,
      ...(stores.sql ? { sql: stores.sql } : {}),
      chatStore: stores.store,
      parser,
    });
    log(`Knowledge: ${description}; ${fileStorage}.`);
    const summary = await runIngest({
      ...args,
      knowledge,
      log,
      ...(process.stderr.isTTY ? { progress: process.stderr } : {}),
    });
    if (summary.failed.length > 0) process.exitCode = 1;
  } finally {
    await parser.close();
    await stores.close();
  }
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === 'ingest') return ingest(argv.slice(1));
  const cli = parseCliArgs(argv);
  if (cli.command === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  if (cli.command === 'version') {
    log('company-chat 0.0.0');
    return;
  }
  if (cli.command === 'error') {
    process.stderr.write(`company-chat: ${cli.message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (cli.command === 'migrate') {
    const { applied, description } = await migrateFromEnv(process.env);
    log(`${description}: ${applied.length === 0 ? 'up to date' : `applied ${applied.join(', ')}`}.`);
    return;
  }
  // The server's own log: structured (JSON lines, or readable on a terminal), levelled, masked.
  const logger = serverLoggerFromEnv(process.env);
  const handle = await runServe({ env: process.env, port: cli.port, host: cli.host, dev: cli.dev, logger });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      logger.warn(`${signal} again: exiting now.`);
      process.exit(1);
    }
    stopping = true;
    logger.info(`${signal}: shutting down (in-flight answers are ended and stored)...`);
    handle.close().then(
      () => {
        logger.info('Stopped.');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error('error while shutting down', { error });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError || (error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    process.stderr.write(`company-chat: ${(error as Error).message}\n`);
  } else {
    console.error('company-chat: failed to start', error);
  }
  process.exit(1);
});
