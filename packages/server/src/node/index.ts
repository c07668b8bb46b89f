// Node adapter of @company-chat/server.

export { loadWidgetAssets } from './load-widget-assets.js';
export { type ServeOptions, type ServerHandle, serve } from './serve.js';
