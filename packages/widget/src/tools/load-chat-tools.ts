import { connectChunk } from '../connect-chunk.js';
import { loadOnce } from '../load-once.js';

/**
 * Loads the chunk that defines `<cc-chat-tools>` ("More actions": my files, export). It is a separate
 * file fetched the first time it is opened: most visits never open it, and the script-tag bundle stays
 * within its size budget.
 */
export const loadChatTools = loadOnce(() => import('./cc-chat-tools.js').then(connectChunk));
