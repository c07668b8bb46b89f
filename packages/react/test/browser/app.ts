// The page of the Chromium test: <CompanyChat> and a custom UI on useChat(), side by side, as an app
// would use them. The endpoint comes from the page URL (`?endpoint=`).
import { createElement as h, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { CompanyChat, useChat } from '../../src/index.js';

const endpoint = new URLSearchParams(location.search).get('endpoint') ?? '';
const headers = { 'X-User-Id': 'browser-user' };
const log: string[] = [];
(window as unknown as { ccLog: string[] }).ccLog = log;

function CustomChat() {
  const chat = useChat({ endpoint, headers, loadConversations: true });
  const [draft, setDraft] = useState('');
  return h(
    'section',
    { 'aria-label': 'custom chat', 'data-status': chat.status },
    h(
      'ul',
      { id: 'messages' },
      chat.messages.map((m) => h('li', { key: m.id, 'data-role': m.role, 'data-status': m.status }, m.content)),
    ),
    h(
      'form',
      {
        onSubmit: (e: { preventDefault(): void }) => {
          e.preventDefault();
          void chat.send(draft);
          setDraft('');
        },
      },
      h('input', {
        id: 'draft',
        value: draft,
        onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
      }),
      h('button', { type: 'submit', disabled: chat.status === 'streaming' }, 'Send'),
    ),
    h('p', { id: 'conversation-count' }, String(chat.conversations.items.length)),
  );
}

function App() {
  return h(
    'main',
    null,
    h(CompanyChat, {
      endpoint,
      headers,
      mode: 'inline',
      attachments: 'off',
      style: { display: 'block', height: '360px' },
      onMessageSent: (e) => log.push(`sent:${e.detail.content}`),
      onAnswerComplete: (e) => log.push(`complete:${e.detail.status}:${e.detail.content}`),
      onError: (e) => log.push(`error:${e.detail.code}`),
    }),
    h(CustomChat),
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(h(App));
