/**
 * Registers a custom element unless that name is taken already (the widget loaded twice, by a script
 * tag and a bundle): a second `define` would throw and break the host page.
 */
export function defineElement(name: string, element: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, element);
}
