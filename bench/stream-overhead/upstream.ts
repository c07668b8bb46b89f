// The benchmark's upstream: the wire server answering every request with a BENCH_TOKENS-token OpenAI
// chat.completion.chunk stream (default 1,000), as fast as the socket takes it, or paced one token every
// BENCH_TOKEN_MS ms like a real model (bench/gateway-overhead, bench/capacity).
import { startWireServer } from '@company-chat/testing/wire';

const wire = await startWireServer({
  answerTokens: Number(process.env.BENCH_TOKENS ?? 1000),
  chunkDelayMs: Number(process.env.BENCH_TOKEN_MS ?? 0),
});
// The server records every request for tests; forget them so a long run does not grow.
setInterval(() => wire.reset(), 5_000).unref();
process.stdout.write(`${JSON.stringify({ url: wire.url, openaiBaseURL: wire.openaiBaseURL })}\n`);
