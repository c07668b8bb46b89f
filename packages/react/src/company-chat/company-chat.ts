import type { CompanyChat as CompanyChatElement } from '@company-chat/widget';
import { createComponent } from '@lit/react';
import * as React from 'react';
import {
  type AnswerCompleteDetail,
  type ChatErrorDetail,
  type ConversationChangeDetail,
  type CopyDetail,
  companyChatEvents,
  type FileDeletedDetail,
  type MessageSentDetail,
  type OpenChangeDetail,
} from './company-chat-events.js';
import { defineCompanyChat } from './define-company-chat.js';

/**
 * The element's public properties, set as properties (not attributes) by `@lit/react`. Listed here
 * rather than read from the element class, because the class can only be imported in the browser.
 * A test compares the list with the widget's `static properties`.
 */
export const COMPANY_CHAT_PROPERTIES = [
  'endpoint',
  'mode',
  'theme',
  'open',
  'allowedImageOrigins',
  'maxLength',
  'attachments',
  'accept',
  'maxFileSize',
  'model',
  'token',
  'getToken',
  'headers',
  'fetch',
  'strings',
  'math',
  'persist',
  'storageKey',
  'conversationParam',
  'suggestions',
  'assistantName',
  'assistantAvatar',
  'userName',
  'userAvatar',
  'attachScope',
] as const;

// @lit/react only asks `name in elementClass.prototype` to tell element properties from attributes.
const elementClass = {
  name: 'CompanyChat',
  prototype: Object.fromEntries(COMPANY_CHAT_PROPERTIES.map((name) => [name, undefined])),
} as unknown as typeof CompanyChatElement;

const Wrapped = createComponent({
  react: React,
  tagName: 'company-chat',
  elementClass,
  events: companyChatEvents,
  displayName: 'company-chat',
});

/** Props of {@link CompanyChat}: the element's properties, its events as `onXxx`, and HTML attributes. */
export interface CompanyChatProps
  extends Partial<Pick<CompanyChatElement, (typeof COMPANY_CHAT_PROPERTIES)[number]>>,
    Omit<React.HTMLAttributes<CompanyChatElement>, keyof typeof companyChatEvents> {
  /** The user sent a message. */
  onMessageSent?: (event: CustomEvent<MessageSentDetail>) => void;
  /** An answer ended: `detail.status` is `complete`, `aborted`, `error`, ... */
  onAnswerComplete?: (event: CustomEvent<AnswerCompleteDetail>) => void;
  /** Something failed (a send, an upload, loading a conversation). */
  onError?: (event: CustomEvent<ChatErrorDetail>) => void;
  /** The launcher panel opened or closed. */
  onOpenChange?: (event: CustomEvent<OpenChangeDetail>) => void;
  /** Another conversation was opened, or a new chat started (`conversationId: null`). */
  onConversationChange?: (event: CustomEvent<ConversationChangeDetail>) => void;
  /** The user copied a message (`detail.copied` is false when the clipboard refused). */
  onCopy?: (event: CustomEvent<CopyDetail>) => void;
  /** The user deleted one of their files in "My files". */
  onFileDeleted?: (event: CustomEvent<FileDeletedDetail>) => void;
}

/**
 * `<company-chat>` as a React component. Safe to import and render on the server (it renders the bare
 * tag); in the browser it loads the widget and the element upgrades with the props already set.
 *
 * @example
 * ```tsx
 * <CompanyChat endpoint="https://chat.example.com" mode="launcher"
 *   onAnswerComplete={(e) => console.log(e.detail.content)} />
 * ```
 */
export const CompanyChat = React.forwardRef<CompanyChatElement, CompanyChatProps>(function CompanyChat(props, ref) {
  React.useEffect(() => {
    defineCompanyChat().catch((error) => console.error('[company-chat] could not load the widget', error));
  }, []);
  return React.createElement(Wrapped, { ...props, ref } as React.ComponentProps<typeof Wrapped>);
});
