// The real chat server in a process of its own, for DOM tests: in a happy-dom test process the globals
// `Request`/`Headers` are happy-dom's, which the Node HTTP adapter cannot build requests with.
// Prints `CHAT_SERVER_URL=<url>` once listening; stops on SIGTERM.
import { startChatTestServer } from '@company-chat/testing/server';

const server = await startChatTestServer({ models: 1 });
process.stdout.write(`CHAT_SERVER_URL=${server.url}\n`);
const stop = () => server.close().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
