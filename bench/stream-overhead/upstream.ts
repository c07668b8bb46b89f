// The benchmark's upstream: the wire server in fast mode, answering every request with a
// 1,000-token OpenAI chat.completion.chunk stream as fast as the socket takes it.
import { startWireServer } from '@company-chat/testing/wire';

const wire = await startWireServer({ answerTokens: Number(process.env.BENCH_TOKENS ?? 1000) });
// The server records every request for tests; forget them so a long run does not grow.
setInterval(() => wire.reset(), 5_000).unref();
process.stdout.write(`${JSON.stringify({ url: wire.url, openaiBaseURL: wire.openaiBaseURL })}\n`);
