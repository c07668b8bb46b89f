import { readdirSync, readFileSync } from 'node:fs';
import { fetchrManPage, officesCsv } from './generated-documents.js';

/** A document of the quality set. */
export interface CorpusDocument {
  name: string;
  bytes: Uint8Array;
}

// Files shipped in npm packages, at the versions the lockfile pins (the questions quote them). The
// store under node_modules/.pnpm holds each at `<name>@<version>/node_modules/<name>/`.
const PACKAGED: Array<{ name: string; pkg: string; version: string; file: string }> = [
  { name: 'semver-README.md', pkg: 'semver', version: '7.8.6', file: 'README.md' },
  { name: 'commander-Readme.md', pkg: 'commander', version: '15.1.0', file: 'Readme.md' },
  { name: 'debug-README.md', pkg: 'debug', version: '4.4.3', file: 'README.md' },
  { name: 'ws-README.md', pkg: 'ws', version: '8.18.0', file: 'README.md' },
  { name: 'ms-readme.md', pkg: 'ms', version: '2.1.3', file: 'readme.md' },
  { name: 'debug-LICENSE.txt', pkg: 'debug', version: '4.4.3', file: 'LICENSE' },
  { name: 'semver-LICENSE.txt', pkg: 'semver', version: '7.8.6', file: 'LICENSE' },
  { name: 'typescript-LICENSE.txt', pkg: 'typescript', version: '5.9.3', file: 'LICENSE.txt' },
];

const store = new URL('../../../node_modules/.pnpm/', import.meta.url);

/** The documents: packaged files read from node_modules, and the generated man page and CSV. */
export function loadCorpus(): CorpusDocument[] {
  const encode = (text: string) => new TextEncoder().encode(text);
  const entries = readdirSync(store);
  const packaged = PACKAGED.map(({ name, pkg, version, file }) => {
    // pnpm suffixes a package's folder with its resolved peers (`debug@4.4.3_supports-color@10.2.2`).
    const id = `${pkg}@${version}`;
    const dir = entries.find((entry) => entry === id || entry.startsWith(`${id}_`));
    if (!dir) {
      throw new Error(`${id} is not installed (run pnpm install); the questions quote that version of ${file}`);
    }
    return { name, bytes: new Uint8Array(readFileSync(new URL(`${dir}/node_modules/${pkg}/${file}`, store))) };
  });
  return [
    ...packaged,
    { name: 'fetchr.1.txt', bytes: encode(fetchrManPage()) },
    { name: 'offices.csv', bytes: encode(officesCsv()) },
  ];
}
