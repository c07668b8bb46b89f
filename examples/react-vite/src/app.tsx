import { CompanyChat } from '@company-chat/react';
import { useState } from 'react';
import { endpoint, headers } from './chat-config.js';
import { CustomChat } from './custom-chat.js';

/** The example app: a custom chat page on useChat(), plus the ready-made widget as a floating launcher. */
export function App() {
  const [lastEvent, setLastEvent] = useState('none yet');
  return (
    <div className="app">
      <header>
        <h1>Acme support</h1>
        <p className="event" aria-live="polite">
          Last widget event: {lastEvent}
        </p>
      </header>
      <CustomChat />
      <CompanyChat
        endpoint={endpoint}
        headers={headers}
        mode="launcher"
        strings={{ title: 'Ask Acme' }}
        onMessageSent={(e) => setLastEvent(`sent "${e.detail.content}"`)}
        onAnswerComplete={(e) => setLastEvent(`answer ${e.detail.status}`)}
        onError={(e) => setLastEvent(`error ${e.detail.code}`)}
      />
    </div>
  );
}
