// Size report of the release build: raw, gzip and brotli sizes of the wasm
// and its JS glue, checked against the app's budget; of the model files
// fetched beside corpus.idx, checked against theirs; and what each crate weighs.
//
//   node scripts/size-report.mjs [--budget BYTES] [--models-budget BYTES]   (after `trunk build --release`)
//
// Exits 1 when wasm + JS gzip exceeds the app budget (415,000 bytes; 380,000
// until the archive server's API mode, see the README's size figures) or the
// model files together exceed theirs (6,000,000 bytes gzip). Crate
// weights come from the name section of cargo's wasm before wasm-bindgen and
// wasm-opt (target/wasm32-unknown-unknown/release/crosscheck-web.wasm): each
// function body is charged to the crate its symbol names, the data section
// (seed corpus, lexicon, string tables) is listed on its own, and the shares
// are scaled to the final gzip size. Only Node's own modules are used.

import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const budget = Number(args[args.indexOf('--budget') + 1]) || 415_000;
const modelsBudget = Number(args[args.indexOf('--models-budget') + 1]) || 6_000_000;
// The model files: the names the engine fetches (crates/engine/src/models.rs, FILES).
const MODEL_FILES = ['lexicon.txt', 'vectors.bin', 'tagger.bin', 'parser.bin', 'decision.json'];
const dist = join(root, 'dist');

const distFiles = readdirSync(dist);
const wasmFile = distFiles.find((f) => f.endsWith('.wasm'));
if (!wasmFile) {
  console.error(`no .wasm in ${dist}: run \`trunk build --release\` first`);
  process.exit(2);
}
// The budget covers the app: its wasm and wasm-bindgen's JS glue (same stem).
// embed.js, the loader newsrooms include, is listed on its own.
const stem = wasmFile.replace(/_bg\.wasm$|\.wasm$/, '');
const glue = distFiles.find((f) => f.endsWith('.js') && f.startsWith(stem));
const kb = (n) => `${(n / 1000).toFixed(1).padStart(7)} KB`;
let totalGzip = 0;
let wasmGzip = 0;
console.log('file                                         raw        gzip      brotli');
// corpus.idx is the deployment's corpus (the seed by default): content, cached
// apart from the app, and as large as the corpus a newsroom ships.
for (const [label, f, counted] of [['app.wasm', wasmFile, true], ['glue.js', glue, true], ['embed.js (loader, not in budget)', 'embed.js', false], ['corpus.idx (corpus, not in budget)', 'corpus.idx', false]]) {
  if (!f || !distFiles.includes(f)) continue;
  const body = readFileSync(join(dist, f));
  const gz = gzipSync(body, { level: 9 }).length;
  const br = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  if (counted) totalGzip += gz;
  if (f === wasmFile) wasmGzip = gz;
  console.log(`${label.padEnd(40)} ${kb(body.length)} ${kb(gz)} ${kb(br)}`);
}
console.log(`${'wasm + JS glue'.padEnd(40)} ${''.padStart(10)} ${kb(totalGzip)}   budget ${kb(budget)} gzip`);

// The model files, cached apart from the app.
let modelsGzip = 0;
console.log('\nmodel files (fetched beside corpus.idx)       raw        gzip      brotli');
for (const f of MODEL_FILES) {
  if (!distFiles.includes(f)) {
    console.error(`missing model file in dist/: ${f}`);
    process.exit(1);
  }
  const body = readFileSync(join(dist, f));
  const gz = gzipSync(body, { level: 9 }).length;
  const br = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  modelsGzip += gz;
  console.log(`${f.padEnd(40)} ${kb(body.length)} ${kb(gz)} ${kb(br)}`);
}
console.log(`${'model files'.padEnd(40)} ${''.padStart(10)} ${kb(modelsGzip)}   budget ${kb(modelsBudget)} gzip`);
const overModels = modelsGzip > modelsBudget;

// ------------------------------------------------------------- per crate
function leb(b, i) {
  let r = 0, s = 0, x;
  do { x = b[i++]; r += (x & 0x7f) * 2 ** s; s += 7; } while (x & 0x80);
  return [r, i];
}

/// The crate a (legacy-mangled or plain) symbol belongs to.
function crateOf(sym) {
  let s = sym;
  if (s.startsWith('_ZN')) {
    const [n, i] = [parseInt(s.slice(3)), 3 + String(parseInt(s.slice(3))).length];
    s = s.slice(i, i + n);
    // `<T as Trait>` impls: the type's crate.
    s = s.replace(/^_?\$LT\$/, '').replace(/^\$u5b\$/, '');
    return s.split(/\.\.|\$/)[0] || 'other';
  }
  if (s.startsWith('_R')) {
    // v0 mangling: the first crate root is `C`, an optional `s<hash>_`, then `<len><name>`.
    const m = s.match(/C(?:s[0-9A-Za-z]*_)?(\d+)([A-Za-z_]\w*)/);
    return m ? m[2].slice(0, Number(m[1])) : 'other';
  }
  const m = s.match(/^<?([A-Za-z_][A-Za-z0-9_]*)::/);
  return m ? m[1] : (s.startsWith('__wbg') || s.startsWith('__wbindgen') ? 'wasm_bindgen' : 'other');
}

let wasm;
try {
  wasm = readFileSync(join(root, 'target', 'wasm32-unknown-unknown', 'release', 'crosscheck-web.wasm'));
} catch {
  console.log('(no cargo wasm with names: per-crate weights skipped)');
  process.exit(totalGzip > budget || overModels ? 1 : 0);
}
const sizes = new Map();
let names = new Map();
let imports = 0;
let bodies = [];
let data = 0;
for (let i = 8; i < wasm.length;) {
  const id = wasm[i++];
  let size;
  [size, i] = leb(wasm, i);
  const end = i + size;
  if (id === 2) {
    // Imported functions come first in the function index space.
    let [n, j] = leb(wasm, i);
    for (let k = 0; k < n; k++) {
      let len;
      [len, j] = leb(wasm, j); j += len;
      [len, j] = leb(wasm, j); j += len;
      const kind = wasm[j++];
      if (kind === 0) { [, j] = leb(wasm, j); imports++; }
      else if (kind === 1) { j += 1; const flag = wasm[j++]; [, j] = leb(wasm, j); if (flag & 1) [, j] = leb(wasm, j); }
      else if (kind === 2) { const flag = wasm[j++]; [, j] = leb(wasm, j); if (flag & 1) [, j] = leb(wasm, j); }
      else if (kind === 3) { j += 2; }
    }
  } else if (id === 10) {
    let [n, j] = leb(wasm, i);
    for (let k = 0; k < n; k++) {
      let len;
      [len, j] = leb(wasm, j);
      bodies.push(len);
      j += len;
    }
  } else if (id === 11) {
    data = size;
  } else if (id === 0) {
    let [n, j] = leb(wasm, i);
    const name = wasm.subarray(j, j + n).toString();
    j += n;
    if (name === 'name') {
      while (j < end) {
        const sub = wasm[j++];
        let len;
        [len, j] = leb(wasm, j);
        if (sub === 1) {
          let [count, q] = leb(wasm, j);
          for (let k = 0; k < count; k++) {
            let idx, l;
            [idx, q] = leb(wasm, q);
            [l, q] = leb(wasm, q);
            names.set(idx, wasm.subarray(q, q + l).toString());
            q += l;
          }
        }
        j += len;
      }
    }
  }
  i = end;
}
bodies.forEach((len, k) => {
  const name = names.get(imports + k) || '';
  // wasm-bindgen's type descriptors run at build time and are removed.
  if (name.includes('__wbindgen_describe') || name.includes('describe')) return;
  const c = crateOf(name);
  sizes.set(c, (sizes.get(c) || 0) + len);
});
const whole = [...sizes.values()].reduce((a, b) => a + b, 0) + data;
console.log(`\nweight by crate (share of cargo's wasm before wasm-opt, scaled to the ${kb(wasmGzip).trim()} gzip wasm):`);
const rows = [...sizes.entries(), ['data: corpus, lexicon, strings', data]].sort((a, b) => b[1] - a[1]);
for (const [name, n] of rows) {
  const share = n / whole;
  if (share < 0.003) continue;
  console.log(`  ${name.padEnd(34)} ${(100 * share).toFixed(1).padStart(5)}%  ~${kb(share * wasmGzip)} gzip`);
}
const small = rows.filter(([, n]) => n / whole < 0.003);
console.log(`  ${`${small.length} more under 0.3% each`.padEnd(34)} ${(100 * small.reduce((a, [, n]) => a + n, 0) / whole).toFixed(1).padStart(5)}%`);

if (overModels) {
  console.error(`\nmodel files over budget: ${modelsGzip} bytes gzip > ${modelsBudget}`);
  process.exit(1);
}
if (totalGzip > budget) {
  console.error(`\nover budget: ${totalGzip} bytes gzip > ${budget}`);
  process.exit(1);
}
console.log(`\nwithin budget: ${totalGzip} of ${budget} bytes gzip (${(100 * totalGzip / budget).toFixed(0)}%); model files ${modelsGzip} of ${modelsBudget} (${(100 * modelsGzip / modelsBudget).toFixed(0)}%)`);
