import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

// Every ```ts, ```tsx and ```js block of the guides is compiled as its own module against the workspace
// packages' sources, with strict settings. Names a fragment takes from its surrounding text are declared
// in snippet-context.d.ts; anything else must be imported by the snippet itself.
const docsDir = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(docsDir, '.snippets');
const EXTENSIONS: Record<string, string> = { ts: 'ts', typescript: 'ts', tsx: 'tsx', js: 'js', javascript: 'js' };

interface Snippet {
  /** `embedding.md:187`: where the block starts. */
  name: string;
  file: string;
  code: string;
}

function extractSnippets(): Snippet[] {
  const snippets: Snippet[] = [];
  for (const doc of readdirSync(docsDir).filter((f) => f.endsWith('.md'))) {
    const lines = readFileSync(join(docsDir, doc), 'utf8').split('\n');
    let open: { ext: string; line: number; body: string[] } | undefined;
    lines.forEach((line, i) => {
      const fence = /^```(\w*)\s*$/.exec(line);
      if (!fence) {
        open?.body.push(line);
        return;
      }
      if (open) {
        const file = join(outDir, `${doc.replace(/\.md$/, '')}-${open.line}.${open.ext}`);
        // `export {}` makes every snippet a module, so its top-level names never collide with another's.
        snippets.push({ name: `${doc}:${open.line}`, file, code: `${open.body.join('\n')}\nexport {};\n` });
        open = undefined;
      } else if (fence[1] && EXTENSIONS[fence[1]]) {
        open = { ext: EXTENSIONS[fence[1]] as string, line: i + 1, body: [] };
      } else if (fence[1] !== undefined) {
        // Another language's block: skip to its closing fence.
        open = { ext: '', line: i + 1, body: [] };
      }
    });
  }
  return snippets.filter((s) => !s.file.endsWith('.'));
}

const snippets = extractSnippets();
let diagnostics: Map<string, string[]>;

beforeAll(() => {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const s of snippets) writeFileSync(s.file, s.code);
  const base = ts.readConfigFile(join(docsDir, '..', 'tsconfig.base.json'), ts.sys.readFile).config;
  const { options } = ts.convertCompilerOptionsFromJson(
    {
      ...base.compilerOptions,
      jsx: 'react-jsx',
      allowJs: true,
      checkJs: true,
      noEmit: true,
      declaration: false,
      sourceMap: false,
      types: ['node'],
    },
    docsDir,
  );
  const program = ts.createProgram(
    [...snippets.map((s) => s.file), join(docsDir, 'test/snippet-context.d.ts')],
    options,
  );
  diagnostics = new Map(snippets.map((s) => [s.file, []]));
  // JavaScript snippets are what page authors paste into a <script>: checked for syntax only (types of
  // the DOM's events and null checks are for TypeScript readers).
  const checked = ts
    .getPreEmitDiagnostics(program)
    .filter((d) => !d.file?.fileName.endsWith('.js') || (d.category === ts.DiagnosticCategory.Error && isSyntactic(d)));
  for (const d of checked) {
    const file = d.file?.fileName;
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    const list = file ? diagnostics.get(file) : undefined;
    if (list) list.push(`line ${at}: ${message}`);
    else diagnostics.set(`(program) ${file ? relative(docsDir, file) : ''}`, [message]);
  }
}, 300_000);

/** TypeScript numbers syntax errors 1000–1999. */
function isSyntactic(d: ts.Diagnostic): boolean {
  return d.code >= 1000 && d.code < 2000;
}

describe('code snippets in docs/', () => {
  it('finds the snippets', () => {
    expect(snippets.length).toBeGreaterThan(10);
  });

  it.each(snippets.map((s) => [s.name, s] as const))('%s compiles', (_name, snippet) => {
    expect(diagnostics.get(snippet.file)).toEqual([]);
  });

  it('the program itself has no errors outside the snippets', () => {
    const outside = [...diagnostics].filter(([file, list]) => file.startsWith('(program)') && list.length > 0);
    expect(outside).toEqual([]);
  });
});
