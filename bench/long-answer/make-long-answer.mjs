// A deterministic long answer shaped like real model output, sized in words: headings, paragraphs with
// inline formatting and links, nested lists, fenced code in several languages, tables, quotes and math.
const WORDS =
  'the engine stores every message before calling the model so nothing is lost when a stream breaks quota usage tenant conversation retrieval answer token latency provider fallback cost audit widget server client deployment database index cache request response'.split(
    ' ',
  );

const CODE = {
  ts: (n) =>
    `export async function step${n}(engine: ChatEngine, owner: string) {\n  const answer = await engine.send({ owner, content: 'hello ${n}' });\n  if (!answer.ok) throw new Error(\`failed: \${answer.error}\`);\n  return answer.messages.filter((m) => m.role === 'assistant').length;\n}`,
  python: (n) =>
    `def step_${n}(rows: list[dict]) -> float:\n    """Average latency of the answered rows."""\n    done = [r["latency"] for r in rows if r.get("status") == "complete"]\n    return sum(done) / len(done) if done else 0.0`,
  sql: (n) =>
    `SELECT c.id, count(m.id) AS messages, sum(u.cost) AS cost_${n}\nFROM conversations c\nJOIN messages m ON m.conversation_id = c.id\nLEFT JOIN usage u ON u.message_id = m.id\nWHERE c.owner = $1 AND m.created_at > now() - interval '7 days'\nGROUP BY c.id ORDER BY cost_${n} DESC LIMIT 20;`,
  bash: (n) =>
    `#!/usr/bin/env bash\nset -euo pipefail\nfor i in $(seq 1 ${n}); do\n  curl -sf "http://localhost:3000/api/v1/health" > /dev/null && echo "ok $i"\ndone`,
  json: (n) =>
    `{\n  "model": "default",\n  "stream": true,\n  "messages": [{ "role": "user", "content": "step ${n}" }],\n  "maxTokens": ${n * 128}\n}`,
  yaml: (n) =>
    `services:\n  chat:\n    image: company-chat:${n}\n    environment:\n      DATABASE_URL: postgres://chat@db/chat\n    ports: ["3000:3000"]`,
  go: (n) =>
    `func Step${n}(ctx context.Context, c *Client) error {\n\tres, err := c.Send(ctx, "hello")\n\tif err != nil {\n\t\treturn fmt.Errorf("send: %w", err)\n\t}\n\treturn res.Close()\n}`,
};
const LANGS = Object.keys(CODE);

/** Returns a markdown answer of about `targetWords` words (10,000 words is about 77k characters). */
export function makeLongAnswer(targetWords = 10_000) {
  let seed = 7;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const pick = (list) => list[Math.floor(rand() * list.length)];
  let words = 0;
  const sentence = () => {
    const n = 8 + Math.floor(rand() * 14);
    words += n;
    const out = [];
    for (let i = 0; i < n; i++) {
      let w = pick(WORDS);
      const r = rand();
      if (r < 0.04) w = `**${w}**`;
      else if (r < 0.07) w = `*${w}*`;
      else if (r < 0.1) w = `\`${w}()\``;
      else if (r < 0.115) w = `[${w}](https://docs.example.com/${w})`;
      else if (r < 0.12) w = `$x_${i}^2$`;
      out.push(w);
    }
    const s = out.join(' ');
    return `${s[0].toUpperCase()}${s.slice(1)}.`;
  };
  const paragraph = () => Array.from({ length: 2 + Math.floor(rand() * 4) }, sentence).join(' ');
  const parts = [];
  let section = 1;
  let block = 0;
  while (words < targetWords) {
    const kind = rand();
    block++;
    if (kind < 0.1) parts.push(`## Section ${section++}: ${sentence().slice(0, 40)}`);
    else if (kind < 0.45) parts.push(paragraph());
    else if (kind < 0.57)
      parts.push(
        Array.from(
          { length: 3 + Math.floor(rand() * 3) },
          (_, i) => `${i + 1}. ${sentence()}\n   - ${sentence()}\n   - ${sentence()}`,
        ).join('\n'),
      );
    else if (kind < 0.65)
      parts.push(Array.from({ length: 3 + Math.floor(rand() * 3) }, () => `- ${sentence()}`).join('\n'));
    else if (kind < 0.77) {
      const lang = LANGS[block % LANGS.length];
      const body = CODE[lang](block);
      words += body.split(/\s+/).length;
      parts.push(`\`\`\`${lang}\n${body}\n\`\`\``);
    } else if (kind < 0.87) {
      const rows = Array.from(
        { length: 4 + Math.floor(rand() * 8) },
        (_, i) => `| ${WORDS[i % WORDS.length]} | ${Math.floor(rand() * 1000)} | ${(rand() * 100).toFixed(1)}% |`,
      );
      words += rows.length * 3;
      parts.push(`| Name | Count | Share |\n|:--|--:|--:|\n${rows.join('\n')}`);
    } else if (kind < 0.9) {
      words += 6;
      parts.push(`$$\n\\sum_{i=1}^{${block}} \\frac{t_i}{n} \\le \\sqrt{\\frac{c}{k}}\n$$`);
    } else parts.push(`> ${sentence()} ${sentence()}`);
  }
  return parts.join('\n\n');
}
