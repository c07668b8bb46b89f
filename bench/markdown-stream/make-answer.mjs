// A deterministic ~60 KB markdown answer shaped like real model output: headings, paragraphs with
// inline formatting and links, lists, fenced code, tables and quotes.
export function makeAnswer(targetBytes = 60 * 1024) {
  let seed = 42;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const words =
    'the engine stores every message before calling the model so nothing is lost when a stream breaks quota usage tenant conversation retrieval answer token latency provider fallback cost audit widget server client'.split(
      ' ',
    );
  const sentence = () => {
    const n = 8 + Math.floor(rand() * 14);
    const out = [];
    for (let i = 0; i < n; i++) {
      let w = words[Math.floor(rand() * words.length)];
      const r = rand();
      if (r < 0.04) w = `**${w}**`;
      else if (r < 0.07) w = `*${w}*`;
      else if (r < 0.1) w = `\`${w}()\``;
      else if (r < 0.115) w = `[${w}](https://docs.example.com/${w})`;
      out.push(w);
    }
    const s = out.join(' ');
    return `${s[0].toUpperCase()}${s.slice(1)}.`;
  };
  const paragraph = () => Array.from({ length: 2 + Math.floor(rand() * 4) }, sentence).join(' ');
  const parts = [];
  let size = 0;
  let section = 1;
  while (size < targetBytes) {
    const kind = rand();
    let part;
    if (kind < 0.12) part = `## Section ${section++}: ${sentence().slice(0, 40)}`;
    else if (kind < 0.5) part = paragraph();
    else if (kind < 0.65)
      part = Array.from({ length: 3 + Math.floor(rand() * 4) }, (_, i) => `${i + 1}. ${sentence()}`).join('\n');
    else if (kind < 0.75) part = Array.from({ length: 3 + Math.floor(rand() * 3) }, () => `- ${sentence()}`).join('\n');
    else if (kind < 0.87) {
      const lines = Array.from(
        { length: 6 + Math.floor(rand() * 12) },
        (_, i) => `  const value${i} = await engine.send({ owner, content: "${words[i % words.length]}" });`,
      );
      part = `\`\`\`ts\nasync function step${section}() {\n${lines.join('\n')}\n}\n\`\`\``;
    } else if (kind < 0.95) {
      const rows = Array.from(
        { length: 4 + Math.floor(rand() * 6) },
        (_, i) => `| ${words[i % words.length]} | ${Math.floor(rand() * 1000)} | ${(rand() * 100).toFixed(1)}% |`,
      );
      part = `| Name | Count | Share |\n|:--|--:|--:|\n${rows.join('\n')}`;
    } else part = `> ${sentence()} ${sentence()}`;
    parts.push(part);
    size += part.length + 2;
  }
  return parts.join('\n\n');
}
