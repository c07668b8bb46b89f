import type { UseChatResult } from '@company-chat/react';

/** The user's conversations: open, rename, delete, or start a new one. */
export function ConversationList({ chat }: { chat: UseChatResult }) {
  const { conversations } = chat;
  return (
    <nav className="conversations" aria-label="Conversations">
      <button type="button" onClick={chat.reset}>
        New chat
      </button>
      <ul>
        {conversations.items.map((c) => (
          <li key={c.id} aria-current={c.id === chat.conversationId ? 'true' : undefined}>
            <button type="button" className="link" onClick={() => conversations.open(c.id)}>
              {c.title || 'Untitled'}
            </button>
            <button
              type="button"
              aria-label={`Rename ${c.title}`}
              onClick={() => {
                const title = prompt('New title', c.title);
                if (title) void conversations.rename(c.id, title);
              }}
            >
              ✎
            </button>
            <button type="button" aria-label={`Delete ${c.title}`} onClick={() => conversations.delete(c.id)}>
              ×
            </button>
          </li>
        ))}
      </ul>
      {conversations.nextCursor ? (
        <button type="button" onClick={conversations.loadMore}>
          More
        </button>
      ) : null}
    </nav>
  );
}
