const sheets = new Map<string, CSSStyleSheet | null>();

/**
 * Adds a constructable stylesheet with `cssText` to the shadow root `node` renders in, once per root.
 * Constructable stylesheets need no `'unsafe-inline'` under a strict CSP; where they are unsupported the
 * content simply stays unstyled.
 */
export function adoptSheet(node: Node, cssText: string): void {
  const root = node.getRootNode();
  if (!(root instanceof ShadowRoot) || !('adoptedStyleSheets' in root)) return;
  let sheet = sheets.get(cssText);
  if (sheet === undefined) {
    try {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(cssText);
    } catch {
      sheet = null;
    }
    sheets.set(cssText, sheet);
  }
  if (sheet && !root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
