import { parseArgs } from 'node:util';
import { INGEST_OPTIONS } from './ingest-command.js';
import { plainArgsError } from './plain-args-error.js';

/** A parsed command line. */
export type CliCommand =
  | { command: 'serve'; port?: number; host?: string; dev: boolean }
  | { command: 'migrate' }
  | { command: 'help' }
  | { command: 'version' }
  | { command: 'error'; message: string };

/** Usage text of the `company-chat` command. */
export const USAGE = `Usage: company-chat <command> [options]

Commands:
  serve                     Start the chat server (HTTP + SSE API under /api/v1); the default command
  ingest <folder|files...>  Add files to a shared knowledge collection (company-chat ingest --help)
  migrate                   Apply database migrations (serve also does it on start)
  help                      Show this help (also --help, -h); --version, -v prints the version

Options for serve:
  --port <n>              Port to listen on (default: $PORT or 3000; 0 picks a free port)
  --host <addr>           Interface to bind (default: $HOST or 127.0.0.1)
  --dev                   Development mode: X-User-Id names the user (the default until identity is configured)

Options for ingest:
${INGEST_OPTIONS}
Models come from environment variables: OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL,
AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY, AZURE_OPENAI_DEPLOYMENT, AZURE_OPENAI_API_VERSION,
ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL, ANTHROPIC_MODEL; COMPANY_CHAT_SYSTEM_PROMPT sets the system prompt;
COMPANY_CHAT_DEV=0 turns development mode off.

Storage: PGlite (embedded PostgreSQL) in ./.company-chat/db by default (COMPANY_CHAT_DATA_DIR moves it);
DATABASE_URL=postgres://... uses PostgreSQL instead; COMPANY_CHAT_STORE=memory keeps nothing.
`;

/** Parses `company-chat` arguments (without `node` and the script). Never throws. */
export function parseCliArgs(argv: string[]): CliCommand {
  let parsed: ReturnType<typeof parseServeArgs>;
  try {
    parsed = parseServeArgs(argv);
  } catch (error) {
    return { command: 'error', message: plainArgsError(error) };
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };
  const [command, ...rest] = positionals;
  if (command === undefined || command === 'help') return { command: 'help' };
  if (command === 'migrate' && rest.length === 0) return { command: 'migrate' };
  if (command !== 'serve' && command !== 'migrate')
    return { command: 'error', message: `Unknown command "${command}".` };
  if (rest.length > 0) return { command: 'error', message: `Unexpected argument "${rest[0]}".` };
  let port: number | undefined;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535) {
      return { command: 'error', message: `--port must be a port number (0-65535), got "${values.port}".` };
    }
  }
  return { command: 'serve', port, host: values.host, dev: values.dev ?? false };
}

function parseServeArgs(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      dev: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}
