/** A block of markdown, as the block parser produces it. */
export type Block =
  | { type: 'paragraph'; text: string }
  | { type: 'heading'; level: number; text: string }
  | { type: 'code'; lang: string; text: string; closed: boolean }
  | { type: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { type: 'blockquote'; blocks: Block[] }
  | { type: 'table'; align: Align[]; header: string[]; rows: string[][] }
  | { type: 'hr' };

/** Column alignment of a table. */
export type Align = 'left' | 'center' | 'right' | null;

/** An inline node, as the inline parser produces it. */
export type Inline =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'strong' | 'em' | 'del'; children: Inline[] }
  | { type: 'link'; href: string; children: Inline[] }
  | { type: 'image'; src: string; alt: string }
  | { type: 'br' };
