// The public API of every published package, as API Extractor reports it: one `api/<entry>.api.md`
// per package entry, generated from the built type declarations (run after `pnpm build`).
//
//   node scripts/api-report.mjs           checks: fails when a report differs from what is committed
//   node scripts/api-report.mjs --update  rewrites the reports (commit them with the change)
//
// Part of `pnpm lint`, so every change of the public surface shows up as a diff of a report in review.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const update = process.argv.includes('--update');
const PACKAGES = ['core', 'server', 'widget', 'react'];
// The TypeScript the packages are built with, not the one API Extractor bundles.
const typescriptCompilerFolder = dirname(createRequire(import.meta.url).resolve('typescript/package.json'));

/** `.` → `index`, `./client` → `client`. */
const reportName = (entry) => (entry === '.' ? 'index' : entry.slice(2).replaceAll('/', '-'));

const temp = mkdtempSync(join(tmpdir(), 'api-report-'));
const failures = [];
let reports = 0;
try {
  for (const name of PACKAGES) {
    const folder = join(root, 'packages', name);
    const packageJsonFullPath = join(folder, 'package.json');
    const pkg = JSON.parse(readFileSync(packageJsonFullPath, 'utf8'));
    for (const [entry, target] of Object.entries(pkg.exports ?? {})) {
      const types = typeof target === 'object' ? target.types : undefined;
      if (!types) continue;
      const declarations = join(folder, types);
      if (!existsSync(declarations)) {
        failures.push(`${pkg.name}${entry.slice(1)}: ${types} is missing; run \`pnpm build\` first.`);
        continue;
      }
      const reportFolder = join(folder, 'api');
      mkdirSync(reportFolder, { recursive: true });
      const config = ExtractorConfig.prepare({
        configObject: {
          projectFolder: folder,
          mainEntryPointFilePath: declarations,
          compiler: {
            overrideTsconfig: {
              compilerOptions: {
                target: 'ES2022',
                module: 'ESNext',
                moduleResolution: 'Bundler',
                lib: ['ES2023', 'DOM', 'DOM.Iterable'],
                types: ['node'],
                skipLibCheck: true,
              },
            },
          },
          apiReport: {
            enabled: true,
            reportFolder,
            reportTempFolder: join(temp, name),
            reportFileName: `${reportName(entry)}.api.md`,
          },
          docModel: { enabled: false },
          dtsRollup: { enabled: false },
          tsdocMetadata: { enabled: false },
          messages: {
            // The report is what matters here; missing release tags and TSDoc style are not our convention.
            extractorMessageReporting: { default: { logLevel: 'none' } },
            tsdocMessageReporting: { default: { logLevel: 'none' } },
            compilerMessageReporting: { default: { logLevel: 'warning' } },
          },
        },
        configObjectFullPath: undefined,
        packageJsonFullPath,
      });
      const result = Extractor.invoke(config, {
        localBuild: update,
        showVerboseMessages: false,
        messageCallback: quiet,
      });
      reports++;
      if (!result.succeeded || result.apiReportChanged) {
        failures.push(
          result.apiReportChanged
            ? `${pkg.name}${entry.slice(1)}: the public API changed; run \`node scripts/api-report.mjs --update\` and commit packages/${name}/api/${reportName(entry)}.api.md.`
            : `${pkg.name}${entry.slice(1)}: API Extractor failed (${result.errorCount} errors).`,
        );
      }
    }
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
}

/** API Extractor's own console lines, less the "you have changed the API" banner we replace. */
function quiet(message) {
  if (message.messageId === 'console-api-report-changed' || message.messageId === 'console-api-report-created') {
    message.handled = true;
  }
}

if (failures.length > 0 && !(update && failures.every((f) => f.includes('public API changed')))) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log(`API reports: ${reports} entries ${update ? 'written' : 'unchanged'}.`);
