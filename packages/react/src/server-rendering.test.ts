import { createElement, Fragment } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, test } from 'vitest';
import { CompanyChat, useChat } from './index.js';

// Runs in plain Node (no DOM), like a server-rendering framework.

function CustomUi() {
  const chat = useChat({ endpoint: 'https://chat.example.com', loadConversations: true });
  return createElement(
    'p',
    { 'data-status': chat.status },
    `${chat.messages.length} messages, ${chat.conversations.items.length} conversations`,
  );
}

describe('server rendering', () => {
  test('importing the package touched neither window nor customElements', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof customElements).toBe('undefined');
    expect(typeof useChat).toBe('function');
  });

  test('renderToString renders <CompanyChat> and a useChat() UI without crashing', () => {
    const html = renderToString(
      createElement(
        Fragment,
        null,
        createElement(CompanyChat, { endpoint: 'https://chat.example.com', mode: 'launcher', id: 'help' }),
        createElement(CustomUi),
      ),
    );
    // The bare tag: it upgrades in the browser once the widget loads.
    expect(html).toContain('<company-chat id="help"></company-chat>');
    expect(html).toContain('<p data-status="idle">0 messages, 0 conversations</p>');
    // Rendering registered nothing and loaded no widget.
    expect(typeof customElements).toBe('undefined');
  });
});
