import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Page mode at or below this width (a phone, or 200% zoom) shows the conversation list as a drawer. */
const NARROW_PX = 640;

/**
 * The conversation list shown as a drawer over the chat (always in launcher and inline modes, and in
 * page mode when the element is narrow): closed by default; closing returns focus to its toggle.
 */
export class DrawerController implements ReactiveController {
  /** Whether the drawer is open. */
  open = false;
  /** Whether the element is narrow enough for page mode to use the drawer. */
  narrow = false;
  #observer: ResizeObserver | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    /** The drawer's toggle and the list inside it, once rendered. */
    private readonly parts: () => { toggle: HTMLElement | null; list: HTMLElement | null },
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // The element's own width, not the viewport's: a page-mode chat may sit in a narrow column.
    this.#observer = new ResizeObserver(([entry]) => {
      const narrow = !!entry && entry.contentRect.width <= NARROW_PX;
      if (narrow === this.narrow) return;
      this.narrow = narrow;
      this.open = false;
      this.host.requestUpdate();
    });
    this.#observer.observe(this.host);
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
  }

  /** Opens (focus moves into the list) or closes (focus returns to the toggle) the drawer. */
  async set(open: boolean): Promise<void> {
    if (this.open === open) return;
    this.open = open;
    this.host.requestUpdate();
    await this.host.updateComplete;
    const { toggle, list } = this.parts();
    if (open && list) {
      // The list's element may still be loading: focus it once it has rendered.
      await customElements.whenDefined(list.localName);
      await (list as Partial<ReactiveControllerHost>).updateComplete;
      if (!this.open) return;
    }
    (open ? list : toggle)?.focus();
  }
}
