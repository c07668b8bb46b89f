// Starts the example host app: `pnpm -F @company-chat/example-node-server start`.
// Point the models at a local fake upstream to try it without keys:
//   pnpm exec tsx packages/testing/src/wire/serve-wire.ts --port 4010
//   OPENAI_BASE_URL=http://127.0.0.1:4010/v1 AZURE_OPENAI_ENDPOINT=http://127.0.0.1:4010 pnpm -F @company-chat/example-node-server start
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { createCompanyChat } from './create-company-chat.js';
import { createHostApp } from './create-host-app.js';

const env = process.env;
const widgetTokenSecret = env.WIDGET_TOKEN_SECRET ?? crypto.randomUUID() + crypto.randomUUID();
const chat = createCompanyChat({
  openaiBaseURL: env.OPENAI_BASE_URL,
  openaiApiKey: env.OPENAI_API_KEY ?? 'sk-local',
  azureEndpoint: env.AZURE_OPENAI_ENDPOINT ?? 'http://127.0.0.1:4010',
  azureApiKey: env.AZURE_OPENAI_API_KEY ?? 'local',
  azureDeployment: env.AZURE_OPENAI_DEPLOYMENT ?? 'gpt-4o',
  widgetTokenSecret,
});

let widgetScript: string | undefined;
try {
  widgetScript = createRequire(import.meta.url).resolve('@company-chat/widget/company-chat.js');
} catch {
  widgetScript = undefined; // the page still works; the launcher appears once the widget is built
}

const server = createServer(createHostApp({ chat, widgetTokenSecret, widgetScript }));
const port = Number(env.PORT ?? 3000);
server.listen(port, '127.0.0.1', () => console.log(`ACME intranet listening on http://127.0.0.1:${port}`));

process.on('SIGTERM', () => {
  // In-flight answers end with a `shutting_down` event and are stored before the process exits.
  server.close();
  void chat.shutdown().then(() => process.exit(0));
});
