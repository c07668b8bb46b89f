// Public API of @company-chat/widget. Importing it registers <company-chat> and its inner elements.

export { ChatStateController } from './controllers/chat-state-controller.js';
export { CcComposer } from './elements/cc-composer.js';
export { CcMessage } from './elements/cc-message.js';
export { CcMessageList } from './elements/cc-message-list.js';
// Loaded on demand (when the conversation list first shows), so only its type is exported.
export type { CcSidebar } from './elements/cc-sidebar.js';
export { CompanyChat, type CompanyChatMode } from './elements/company-chat.js';
export { createLazyEnhancers, type LazyEnhancerOptions } from './enhance/lazy-enhancers.js';
export { CcMarkdown } from './markdown/cc-markdown.js';
export { type CommittedBlock, IncrementalMarkdown } from './markdown/incremental-markdown.js';
export type { MarkdownEnhancers } from './markdown/markdown-enhancers.js';
export type { RenderContext } from './markdown/render-markdown.js';
export { safeImageUrl, safeLinkUrl } from './markdown/safe-url.js';
export { type CompanyChatStrings, defaultStrings } from './strings.js';

/** Package version of `@company-chat/widget`. */
export const WIDGET_VERSION = '0.0.0';
