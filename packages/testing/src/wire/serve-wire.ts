// Runs the wire server on its own, e.g. to point `company-chat serve` at it by hand:
//   pnpm exec tsx packages/testing/src/wire/serve-wire.ts --port 4010 [--tokens 1000] [--delay 20] [--key sk-test]
//   OPENAI_BASE_URL=http://127.0.0.1:4010/v1 OPENAI_API_KEY=x OPENAI_MODEL=wire company-chat serve
import { parseArgs } from 'node:util';
import { startWireServer } from './wire-server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    tokens: { type: 'string' },
    delay: { type: 'string' },
    key: { type: 'string' },
    answer: { type: 'string' },
  },
});

const server = await startWireServer({
  port: Number(values.port),
  host: values.host,
  answerTokens: values.tokens ? Number(values.tokens) : undefined,
  chunkDelayMs: values.delay ? Number(values.delay) : undefined,
  apiKey: values.key,
  answer: values.answer,
});
console.log(`wire server listening on ${server.url}`);
console.log(`  OpenAI / compatible: OPENAI_BASE_URL=${server.openaiBaseURL}`);
console.log(`  Azure OpenAI:        AZURE_OPENAI_ENDPOINT=${server.azureEndpoint}`);
console.log(`  Anthropic:           ANTHROPIC_BASE_URL=${server.anthropicBaseURL}`);
const stop = () => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
