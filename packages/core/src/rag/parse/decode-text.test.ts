import { describe, expect, it } from 'vitest';
import { CompanyChatError } from '../../errors/company-chat-error.js';
import { decodeText } from './decode-text.js';
import { parseDocument } from './parse-document.js';
import { documentText } from './parsed-document.js';

/** ISO-8859-1 bytes of a string whose characters are all below U+0100. */
const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const utf16 = (text: string, littleEndian: boolean) => {
  const bytes = new Uint8Array(2 + text.length * 2);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, 0xfeff, littleEndian);
  for (let i = 0; i < text.length; i++) view.setUint16(2 + i * 2, text.charCodeAt(i), littleEndian);
  return bytes;
};

describe('decodeText', () => {
  it('reads a Latin-1 CSV', async () => {
    const csv = 'Ville,Café,Prix\nZürich,Crème brûlée,4,50 €\nGenève,Œuf à la coque,2\nMünchen,Schnitzel für zwei,18\n'
      .replace('€', 'EUR')
      .replace('Œ', 'Oe');
    const doc = await parseDocument({ bytes: latin1(csv), name: 'menu.csv' });
    expect(doc.kind).toBe('csv');
    const text = documentText(doc);
    expect(text).toContain('Ville: Zürich; Café: Crème brûlée');
    expect(text).toContain('Ville: München; Café: Schnitzel für zwei');
  });

  it('honours the charset an ISO-8859-1 HTML page declares', async () => {
    for (const meta of [
      '<meta charset="iso-8859-1">',
      '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">',
    ]) {
      const html = `<html><head>${meta}<title>Kantine</title></head><body><h1>Öffnungszeiten</h1><p>Die Kantine öffnet um 11:30 Uhr; Getränke kosten 2 €.</p></body></html>`;
      // Windows-1252 is what browsers read for a page declaring ISO-8859-1, € included.
      const bytes = latin1(html.replace('€', '\x80'));
      const doc = await parseDocument({ bytes, name: 'kantine.html' });
      expect(doc.blocks).toEqual([
        { type: 'heading', text: 'Öffnungszeiten', level: 1 },
        { type: 'paragraph', text: 'Die Kantine öffnet um 11:30 Uhr; Getränke kosten 2 €.' },
      ]);
    }
  });

  it('reads UTF-16 with a byte order mark, little and big endian', () => {
    const text = 'Résumé of the Zoë project\nSecond line';
    expect(decodeText(utf16(text, true))).toBe(text);
    expect(decodeText(utf16(text, false))).toBe(text);
  });

  it('accepts a UTF-8 text file with one stray byte, replacing only that byte', () => {
    const good = new TextEncoder().encode('Grüße aus Köln: the naïve café opens at 8.\n');
    const bytes = new Uint8Array([...good.subarray(0, 10), 0xff, ...good.subarray(10)]);
    const text = decodeText(bytes);
    expect(text).toBe('Grüße au\uFFFDs Köln: the naïve café opens at 8.\n');
  });

  it('accepts an ASCII text file with one stray byte', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('Plain notes, then a stray byte '), 0x9c, 0x0a]);
    const doc = await parseDocument({ bytes, name: 'notes.txt' });
    expect(documentText(doc)).toBe('Plain notes, then a stray byte œ');
  });

  it('still refuses binary content without NUL bytes early on', () => {
    const bytes = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 32 || 1);
    const error = (() => {
      try {
        decodeText(bytes);
        return null;
      } catch (e) {
        return e;
      }
    })();
    expect(CompanyChatError.isInstance(error) && error.code).toBe('unsupported_media_type');
  });
});
