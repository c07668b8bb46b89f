#!/usr/bin/env node
// Lint step (`pnpm lint`): no module reaches into another workspace package by relative path. A package
// uses another through its name and `exports` (tests through `@company-chat/testing`), so what a package
// needs from another is declared, and its private files can move without breaking a neighbour.
// Also: a published package's shipped files never import `@company-chat/testing`, and core never imports
// the server. Checked in every source file of every workspace package (the repository root counts as one): static and
// dynamic imports, re-exports and `require()` with a relative specifier; and `new URL('…', import.meta.url)`
// pointing into another workspace package (its fixtures or build output belong to it). A file URL may still
// name the repository root (a working directory) or a guide (`*.md`, which tests check against the code).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const SOURCE = /\.(?:[cm]?[jt]sx?)$/;
const SKIP = new Set([
  'node_modules',
  'dist',
  '.git',
  '.snippets',
  'storybook-static',
  '.company-chat',
  '.test-results',
]);
const BARE = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)(['"`])(@company-chat\/[\w-]+)([^'"`]*)\1/g;
const TEST_FILE = /(?:\.test\.[cm]?[jt]sx?$|\/test\/|\/__fixtures__\/)/;
const SPECIFIER =
  /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*|\bnew\s+URL\s*\(\s*)(['"`])(\.\.?\/[^'"`$]*)\1/g;

/** Directories of the workspace packages, from pnpm-workspace.yaml (`dir/*` and plain `dir` entries). */
function workspacePackages() {
  const yaml = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const block = /^packages:\n((?:\s+-.*\n?)+)/m.exec(yaml)?.[1] ?? '';
  const dirs = [];
  for (const [, glob] of block.matchAll(/-\s*["']?([^"'\n]+)["']?/g)) {
    if (glob.endsWith('/*')) {
      const parent = join(root, glob.slice(0, -2));
      for (const entry of readdirSync(parent, { withFileTypes: true })) {
        if (entry.isDirectory() && hasManifest(join(parent, entry.name))) dirs.push(join(parent, entry.name));
      }
    } else if (hasManifest(join(root, glob))) {
      dirs.push(join(root, glob));
    }
  }
  return dirs;
}

function hasManifest(dir) {
  try {
    readFileSync(join(dir, 'package.json'));
    return true;
  } catch {
    return false;
  }
}

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) yield path;
  }
}

const packages = workspacePackages();
/** The package a path belongs to: the deepest workspace package containing it, else the root. */
const ownerOf = (path) =>
  packages.filter((dir) => path === dir || path.startsWith(dir + sep)).sort((a, b) => b.length - a.length)[0] ?? root;

// Files allowed to reach into another package, each with the reason. Keep this list empty where possible.
const EXCEPTIONS = new Map([
  [
    'bench/markdown-stream/bench-entry.ts',
    "its baseline re-renders with the widget's own private markdown lexer and renderer, which no entry exports",
  ],
]);

/** Whether the package at `dir` is published (not `private`): what it ships must not need test helpers. */
const published = (dir) => dir !== root && !JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).private;
const nameOf = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name;

const problems = [];
const seen = new Set();
for (const dir of [root, ...packages]) {
  for (const file of sourceFiles(dir)) {
    if (seen.has(file)) continue;
    seen.add(file);
    if (EXCEPTIONS.has(relative(root, file))) continue;
    const owner = ownerOf(file);
    const text = readFileSync(file, 'utf8');
    // Shipped code never needs the private testing package, and core (which the server depends on) never
    // needs the server, not even in its tests.
    for (const match of text.matchAll(BARE)) {
      const rel = relative(owner, file);
      const forbidden =
        (match[2] === '@company-chat/testing' && published(owner) && !TEST_FILE.test(`/${rel}`)) ||
        // The testing package's test server is the server: core's tests stay off it as well.
        ((match[2] === '@company-chat/server' || `${match[2]}${match[3]}` === '@company-chat/testing/server') &&
          nameOf(owner) === '@company-chat/core');
      if (forbidden) {
        const line = text.slice(0, match.index).split('\n').length;
        problems.push(`${relative(root, file)}:${line}: ${nameOf(owner)} must not import ${match[2]}${match[3]} here`);
      }
    }
    for (const match of text.matchAll(SPECIFIER)) {
      const target = resolve(dirname(file), match[2]);
      const targetOwner = ownerOf(target);
      const fileUrl = match[0].startsWith('new');
      if (fileUrl && (targetOwner === root || target.endsWith('.md'))) continue;
      if (targetOwner !== owner) {
        const line = text.slice(0, match.index).split('\n').length;
        const into = relative(root, targetOwner) || 'the repository root';
        problems.push(`${relative(root, file)}:${line}: '${match[2]}' reaches into ${into}`);
      }
    }
  }
}

if (problems.length) {
  console.error(
    `${problems.length} import(s) cross a package boundary (import a package by its name, tests through @company-chat/testing):`,
  );
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log(`package boundaries: ${seen.size} files checked, none crosses a package boundary`);
