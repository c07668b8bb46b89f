// Public API of @company-chat/server. Explicit named exports only.

export { type AdminRoutesOptions, adminRoutes } from './admin/admin-routes.js';
export type { AppEnv } from './app/app-env.js';
export type { ChatEnginePort } from './app/chat-engine-port.js';
export { type ChatApp, type ChatAppOptions, createChatApp, getChatAppEngine } from './app/create-chat-app.js';
export type { ErrorLogger } from './errors/error-handler.js';
export type { ErrorBody } from './errors/error-response.js';
export { type AccountRoutesOptions, accountRoutes } from './identity/account-routes.js';
export {
  type AuthenticateRequestOptions,
  authenticateRequest,
  type IdentityEnv,
  retryAfterHeaders,
} from './identity/authenticate-request.js';
export type { ChatAppAuthOptions } from './identity/chat-app-auth.js';
export { type ClientAddressOf, forwardedClientAddress, socketClientAddress } from './identity/client-address.js';
export { DEFAULT_TENANT_ID, DEV_USER_ID, devIdentity } from './identity/dev-identity.js';
export { rejectNonCanonicalPaths } from './identity/reject-non-canonical-paths.js';
export { widgetTokenRoute } from './identity/widget-token-route.js';
export type { AppMetrics, ObservedRequest } from './metrics/app-metrics.js';
export { metricsRoutes } from './metrics/metrics-routes.js';
export { createOpenApiDocument, type OpenApiDocument } from './openapi/create-openapi-document.js';
export { DOCS_UI_PATH, type DocsUiAssets } from './openapi/docs-ui-assets.js';
export { type ChatAppQuotaOptions, DEFAULT_REQUESTS_PER_MINUTE_PER_ADDRESS } from './quotas/chat-app-quotas.js';
export { type MeteringOptions, type ModelSwitch, meterEngine } from './quotas/metered-engine.js';
export { API_ROUTES, type ApiRoute, type RouteAccess } from './routes/api-route-table.js';
