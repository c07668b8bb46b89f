import { type Document, DomHandler } from 'domhandler';
import { Parser } from 'htmlparser2';
import { parseError } from './parse-errors.js';

/**
 * Elements open at once beyond which a page is refused. Browsers stop nesting at 512 levels; past a few
 * thousand the parser's open-element stack makes each further tag slower, so a crafted page of 200,000
 * nested `<div>`s would take minutes.
 */
export const maxHtmlDepth = 1_000;

/** Counts open elements as the parser reports them (implied closes included) and stops at the limit. */
class DepthLimitedHandler extends DomHandler {
  #depth = 0;

  override onopentag(name: string, attribs: Record<string, string>): void {
    this.#depth += 1;
    if (this.#depth > maxHtmlDepth) {
      throw parseError('document_limits', `The page nests elements more than ${maxHtmlDepth} levels deep.`);
    }
    super.onopentag(name, attribs);
  }

  override onclosetag(): void {
    this.#depth -= 1;
    super.onclosetag();
  }
}

/** Parses HTML into a DOM tree (entities decoded) the way htmlparser2's `parseDocument` does, with a depth limit. */
export function parseHtmlTree(html: string): Document {
  const handler = new DepthLimitedHandler();
  new Parser(handler).end(html);
  return handler.root;
}
