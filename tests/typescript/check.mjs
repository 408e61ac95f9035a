// Type-checks TypeScript consumers against www/crosscheck.d.ts with npm's
// `typescript` (tests/e2e/node_modules), and real reports against `Report`:
// reports of the CLI (`crosscheck check --format json`) are written out as
// object literals that must satisfy the type, so a field the declarations
// lack, or one they declare that the report does not have, fails.
// The README's TypeScript examples are compiled too. Compiles consumer.ts to
// target/typescript/out for the end-to-end run.
//
//   node tests/typescript/check.mjs      (CROSSCHECK_CLI: default target/debug/crosscheck)

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const cli = process.env.CROSSCHECK_CLI || join(root, 'target', 'debug', 'crosscheck');
const out = join(root, 'target', 'typescript');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

// The README's ```ts blocks, each a module importing from './crosscheck'.
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const examples = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
if (!examples.length) {
  console.error('the README has no ```ts example to check');
  process.exit(1);
}
examples.forEach((code, i) => writeFileSync(join(out, `readme-${i}.ts`),
  code.replace(/from '\.\/crosscheck'/g, "from '../../www/crosscheck'")));

// Articles that between them give every field: each verdict, mismatches,
// evidence with a date (the seed corpus's house style gives one), a notice.
const articles = [
  readFileSync(join(root, 'src', 'assets', 'example.txt'), 'utf8'),
  ...readFileSync(join(root, 'tests', 'fixtures', 'articles.jsonl'), 'utf8')
    .split('\n').filter((l) => l.trim()).slice(0, 3)
    .map((l) => JSON.parse(l).sentences.map((s) => s.text).join(' ')),
  '',
];
const reports = articles.map((text) =>
  execFileSync(cli, ['check', '-', '--format', 'json'], { input: text, maxBuffer: 64 << 20 }).toString());
const fields = new Set();
const walk = (v) => {
  if (Array.isArray(v)) v.forEach(walk);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { fields.add(k); walk(x); }
};
reports.forEach((r) => walk(JSON.parse(r)));
for (const needed of ['date', 'notice', 'mismatches', 'claim_range', 'differing', 'sources_disagree']) {
  if (!fields.has(needed)) {
    console.error(`the sample reports never have "${needed}": choose articles that do`);
    process.exit(1);
  }
}
writeFileSync(join(out, 'reports.ts'),
  "import type { Report } from '../../www/crosscheck';\n" +
  reports.map((r, i) => `export const report${i} = ${r.trim()} satisfies Report;\n`).join(''));

const tsc = join(root, 'tests', 'e2e', 'node_modules', 'typescript', 'bin', 'tsc');
try {
  execFileSync(process.execPath, [tsc, '-p', join(here, 'tsconfig.json')], { stdio: 'inherit' });
} catch {
  console.error('TypeScript consumers do not type-check against www/crosscheck.d.ts');
  process.exit(1);
}
console.log(`TypeScript: consumer.ts, strictness.ts, ${examples.length} README example(s) and ${reports.length} CLI reports type-check against crosscheck.d.ts`);
