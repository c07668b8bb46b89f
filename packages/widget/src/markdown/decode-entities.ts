const entity = /&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([A-Za-z][A-Za-z0-9]{1,31}));/g;
const named = new Map<string, string>();

function codePoint(n: number): string {
  return n === 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff) ? '\uFFFD' : String.fromCodePoint(n);
}

// Decoding one `&name;` alone through the browser's HTML parser: the string holds no `<` (the pattern
// allows letters and digits only), so it cannot create markup, and it avoids shipping the 2,000-entry table.
function decodeNamed(name: string): string | undefined {
  let value = named.get(name);
  if (value === undefined) {
    const raw = `&${name};`;
    const text = new DOMParser().parseFromString(raw, 'text/html').body.textContent ?? raw;
    // `&notit;` parses as the legacy `&not` followed by `it;`: not an entity in CommonMark.
    value = text === raw || (text.length > 1 && text.endsWith(';')) ? raw : text;
    named.set(name, value);
  }
  return value;
}

/** Replaces HTML entity and numeric character references (`&copy;`, `&#123;`, `&#x1F600;`) by their characters. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(entity, (raw, hex?: string, dec?: string, name?: string) => {
    if (hex) return codePoint(Number.parseInt(hex, 16));
    if (dec) return codePoint(Number.parseInt(dec, 10));
    return decodeNamed(name ?? '') ?? raw;
  });
}
