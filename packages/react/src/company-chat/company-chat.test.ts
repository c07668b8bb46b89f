// @vitest-environment happy-dom
import type { CompanyChat as CompanyChatElement } from '@company-chat/widget';
import { act, cleanup, render } from '@testing-library/react';
import { createElement, createRef } from 'react';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { type SpawnedChatServer, spawnChatServer } from '../../test/spawn-chat-server.js';
import { COMPANY_CHAT_PROPERTIES, CompanyChat } from './company-chat.js';

// @lit/react has a browser build (sets properties and listeners in a layout effect) and a Node build
// for server rendering (does neither). Node resolution picks the Node build even in a DOM environment,
// so this test loads the browser build, as a browser bundler would. Same package, nothing replaced.
vi.mock('@lit/react', async () => {
  const { createRequire } = await import('node:module');
  const nodeBuild = createRequire(import.meta.url).resolve('@lit/react'); // <pkg>/node/[development/]index.js
  return import(nodeBuild.replace(/[\\/]node[\\/](development[\\/])?index\.js$/, '/index.js'));
});

afterEach(cleanup);

type Element = HTMLElement & Record<string, unknown>;

describe('<CompanyChat>', () => {
  test('renders <company-chat> with its props as element properties and other props as attributes', () => {
    const headers = { 'X-User-Id': 'ann' };
    const getToken = () => 'token';
    const { container } = render(
      createElement(CompanyChat, {
        endpoint: 'https://chat.example.com',
        mode: 'launcher',
        maxLength: 500,
        headers,
        getToken,
        attachments: 'off',
        className: 'support',
        id: 'chat',
      }),
    );
    const element = container.querySelector('company-chat') as unknown as Element;
    expect(element).not.toBeNull();
    expect(element.endpoint).toBe('https://chat.example.com');
    expect(element.mode).toBe('launcher');
    expect(element.maxLength).toBe(500);
    expect(element.headers).toBe(headers);
    expect(element.getToken).toBe(getToken);
    expect(element.getAttribute('class')).toBe('support');
    expect(element.id).toBe('chat');
  });

  test('maps the widget events to onXxx props, and follows prop changes', () => {
    const sent = vi.fn();
    const complete = vi.fn();
    const failed = vi.fn();
    const opened = vi.fn();
    const changed = vi.fn();
    const copied = vi.fn();
    const ref = createRef<CompanyChatElement>();
    const props = {
      ref,
      attachments: 'off' as const,
      onMessageSent: sent,
      onAnswerComplete: complete,
      onError: failed,
      onOpenChange: opened,
      onConversationChange: changed,
      onCopy: copied,
    };
    const { rerender } = render(createElement(CompanyChat, props));
    const element = ref.current as unknown as HTMLElement;
    expect(element.localName).toBe('company-chat');

    const fire = (name: string, detail: object) =>
      element.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
    fire('cc-message-sent', { content: 'Hi', conversationId: null });
    fire('cc-answer-complete', { messageId: 'm1', conversationId: 'c1', status: 'complete', content: 'Hello' });
    fire('cc-error', { code: 'overloaded', message: 'Busy', retryable: true });
    fire('cc-open-change', { open: true });
    fire('cc-conversation-change', { conversationId: 'c2' });
    fire('cc-copy', { messageId: 'm1', copied: true });
    expect(copied.mock.calls[0]?.[0].detail).toEqual({ messageId: 'm1', copied: true });
    expect(sent.mock.calls[0]?.[0].detail).toEqual({ content: 'Hi', conversationId: null });
    expect(complete.mock.calls[0]?.[0].detail).toMatchObject({ messageId: 'm1', status: 'complete' });
    expect(failed.mock.calls[0]?.[0].detail).toEqual({ code: 'overloaded', message: 'Busy', retryable: true });
    expect(opened.mock.calls[0]?.[0].detail).toEqual({ open: true });
    expect(changed.mock.calls[0]?.[0].detail).toEqual({ conversationId: 'c2' });

    // A new handler replaces the old one; a removed handler stops listening.
    const sentAgain = vi.fn();
    rerender(createElement(CompanyChat, { ...props, onMessageSent: sentAgain, onError: undefined }));
    fire('cc-message-sent', { content: 'Again', conversationId: 'c1' });
    fire('cc-error', { code: 'network', message: 'Offline', retryable: true });
    expect(sent).toHaveBeenCalledTimes(1);
    expect(sentAgain).toHaveBeenCalledTimes(1);
    expect(failed).toHaveBeenCalledTimes(1);
  });

  describe('with the widget loaded', () => {
    let server: SpawnedChatServer | undefined;
    afterEach(async () => {
      await server?.close();
    });

    test('the element upgrades, and a send through it fires onMessageSent and onAnswerComplete', async () => {
      server = await spawnChatServer();
      const complete = vi.fn();
      const sent = vi.fn();
      const ref = createRef<CompanyChatElement>();
      render(
        createElement(CompanyChat, {
          ref,
          endpoint: server.url,
          headers: { 'X-User-Id': 'element-user' },
          attachments: 'off',
          onMessageSent: sent,
          onAnswerComplete: complete,
        }),
      );
      await act(() => customElements.whenDefined('company-chat'));
      const element = ref.current;
      expect(element).toBeInstanceOf(customElements.get('company-chat') as CustomElementConstructor);
      await act(() => element?.send('from react'));
      expect(sent.mock.calls[0]?.[0].detail).toMatchObject({ content: 'from react' });
      await vi.waitFor(() => expect(complete).toHaveBeenCalledTimes(1), { timeout: 15_000 });
      expect(complete.mock.calls[0]?.[0].detail).toMatchObject({ status: 'complete', content: 'You said: from react' });
    });

    test('the prop list matches the properties the widget declares', async () => {
      const { CompanyChat: Element } = await import('@company-chat/widget');
      const declared = Object.entries(Element.properties)
        .filter(([, options]) => !(options as { state?: boolean }).state)
        .map(([name]) => name);
      expect([...COMPANY_CHAT_PROPERTIES].sort()).toEqual(declared.sort());
    });
  });
});
