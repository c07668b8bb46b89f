// `@company-chat/testing/outage`: cutting a connection at an exact moment, for outage tests.
export { startTcpProxy, type TcpProxy } from './tcp-proxy.js';
