// Serves index.html for trying the page locally: `node serve-page.mjs` → http://localhost:8080.
// CHAT_SERVER=https://chat.example.com points the page at another company-chat server.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 8080);
const chatServer = process.env.CHAT_SERVER ?? 'http://localhost:3000';
const page = readFileSync(new URL('./index.html', import.meta.url), 'utf8').replaceAll(
  'http://localhost:3000',
  chatServer.replace(/\/+$/, ''),
);

createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(page);
}).listen(port, () => console.log(`Intranet page on http://localhost:${port} (chat server ${chatServer})`));
