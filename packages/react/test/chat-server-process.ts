// The real chat server in a process of its own, for DOM tests: in a happy-dom test process the globals
// `Request`/`Headers` are happy-dom's, which the Node HTTP adapter cannot build requests with.
// Prints `CHAT_SERVER_URL=<url>` once listening; stops on SIGTERM.
import { startChatServer } from './start-chat-server.js';

const server = await startChatServer();
process.stdout.write(`CHAT_SERVER_URL=${server.url}\n`);
const stop = () => server.close().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
