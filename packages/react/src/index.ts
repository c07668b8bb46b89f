/** Package version of `@company-chat/react`; bindings arrive with the React issue. */
export const REACT_VERSION = '0.0.0';
