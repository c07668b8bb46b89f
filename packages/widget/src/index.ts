/** Package version of `@company-chat/widget`; the element itself arrives with the widget issue. */
export const WIDGET_VERSION = '0.0.0';
