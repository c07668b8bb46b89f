import { useChat } from '@company-chat/react';
import { type FormEvent, useState } from 'react';
import { endpoint, headers } from './chat-config.js';
import { ConversationList } from './conversation-list.js';

/** A chat UI of our own, on the same client and state the widget uses. */
export function CustomChat() {
  const chat = useChat({ endpoint, headers, loadConversations: true });
  const [draft, setDraft] = useState('');
  const busy = chat.status === 'streaming';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!draft.trim() || busy) return;
    void chat.send(draft);
    setDraft('');
  };

  return (
    <main className="custom-chat">
      <ConversationList chat={chat} />
      <section className="thread" aria-label={chat.title ?? 'New conversation'}>
        <ol className="messages">
          {chat.messages.map((m) => (
            <li key={m.id} className={`message ${m.role}`} data-status={m.status}>
              {m.content || (m.status === 'streaming' ? '…' : '')}
              {m.role === 'assistant' && m.status === 'complete' && !busy ? (
                <button type="button" className="link" onClick={() => chat.regenerate(m.id)}>
                  Regenerate
                </button>
              ) : null}
              {m.siblingIds ? (
                <span className="versions">
                  {m.siblingIds.map((id, i) => (
                    <button key={id} type="button" disabled={id === m.id || busy} onClick={() => chat.switchBranch(id)}>
                      {i + 1}
                    </button>
                  ))}
                </span>
              ) : null}
            </li>
          ))}
        </ol>
        {chat.error ? (
          <p role="alert" className="error">
            {chat.error.message}{' '}
            {chat.error.retryable ? (
              <button type="button" onClick={() => chat.retry()}>
                Retry
              </button>
            ) : null}
          </p>
        ) : null}
        <form onSubmit={submit}>
          <input
            aria-label="Message"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            placeholder="Ask anything…"
          />
          {busy ? (
            <button type="button" onClick={chat.stop}>
              Stop
            </button>
          ) : (
            <button type="submit">Send</button>
          )}
        </form>
      </section>
    </main>
  );
}
