// Node adapter of @company-chat/server.
export { type ServeOptions, type ServerHandle, serve } from './serve.js';
