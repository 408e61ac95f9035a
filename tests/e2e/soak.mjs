// Soak test of the built app (dist/) in Chromium: 1,000 checks in a row of
// varied articles through the page, then 200 cycles of adding and removing a
// source. Measures the page's JS heap and the wasm's linear memory (after a
// garbage collection) once warmed up and at the end of each phase, prints
// them, and fails when either grows beyond its bound.
//
//   node tests/e2e/soak.mjs [CHECKS] [CYCLES]     (scripts/test.sh runs it after `trunk build`)

import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import { checkText } from './app.mjs';

const CHECKS = Number(process.argv[2] || 1000);
const CYCLES = Number(process.argv[3] || 200);
// Bounds on growth from the warmed-up state to the end. The JS heap holds the
// current report's DOM and closures, and also V8's compiled code, the
// browser's performance entries and the text area's undo history, which grow
// a little (3.5 MB over 950 checks measured; see the README's "Soak"). The
// wasm's memory never shrinks: it may grow while the checker caches the
// analyses of the corpus passages it has judged (bounded by the corpus), and
// by allocator fragmentation, but not with every check.
const HEAP_BOUND_MB = 8;
const WASM_BOUND_MB = 16;

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = process.env.DIST || join(root, 'dist');
const { origin, server } = await serve(dist);

// Varied articles: the dev articles' sentences and claims, shuffled into
// articles of 1 to 40 sentences, with hostile pieces mixed in.
const sentences = [];
for (const l of readFileSync(join(root, 'tests', 'fixtures', 'articles.jsonl'), 'utf8').split('\n')) {
  if (l.trim()) for (const s of JSON.parse(l).sentences) sentences.push(s.text);
}
for (const l of readFileSync(join(root, 'tests', 'fixtures', 'claims.jsonl'), 'utf8').split('\n')) {
  if (l.trim()) sentences.push(JSON.parse(l).claim);
}
const hostile = [
  '<script>alert(1)</script><b>bold</b> claims about the board.',
  'مجلس السلام يجتمع في القاهرة', '😀🎉 emoji everywhere 🚀', 'no punctuation at all in this line',
  '\u0000\u0001 binary-ish \uFFFD text', 'x'.repeat(3000),
];
let seed = 12345;
const random = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
function article() {
  const n = 1 + random(40);
  const out = [];
  for (let i = 0; i < n; i++) out.push(random(20) === 0 ? hostile[random(hostile.length)] : sentences[random(sentences.length)]);
  return out.join(random(3) === 0 ? '\n\n' : ' ');
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});
const page = await browser.newPage();
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
await page.addInitScript(() => addEventListener('TrunkApplicationStarted', (e) => { window.__wasm = e.detail.wasm; }));
await page.goto(origin + '/');
await page.waitForSelector('#check-button');
await page.waitForFunction(() => window.__wasm !== undefined);

async function memory() {
  return page.evaluate(() => {
    gc();
    gc();
    return { heap: performance.memory.usedJSHeapSize / 1e6, wasm: window.__wasm.memory.buffer.byteLength / 1e6 };
  });
}

let failures = 0;
const fmt = (m) => `JS heap ${m.heap.toFixed(1)} MB, wasm ${m.wasm.toFixed(1)} MB`;
function bound(name, start, end) {
  const heap = end.heap - start.heap;
  const wasm = end.wasm - start.wasm;
  const ok = heap <= HEAP_BOUND_MB && wasm <= WASM_BOUND_MB;
  if (!ok) failures++;
  console.log(`  ${ok ? 'ok' : 'FAIL'} ${name}: growth JS heap ${heap.toFixed(1)} MB (bound ${HEAP_BOUND_MB}), wasm ${wasm.toFixed(1)} MB (bound ${WASM_BOUND_MB})`);
}

// Phase 1: checks in a row. The first 50 warm up (caches, JIT).
const t0 = Date.now();
const loaded = await memory();
console.log(`- ${CHECKS} checks in a row: after load ${fmt(loaded)}`);
for (let i = 0; i < Math.min(50, CHECKS); i++) await checkText(page, article());
const warm = await memory();
console.log(`  after 50 checks ${fmt(warm)}`);
for (let i = 50; i < CHECKS; i++) await checkText(page, article());
const checked = await memory();
console.log(`  after ${CHECKS} checks ${fmt(checked)} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
bound(`checks 50 to ${CHECKS}`, warm, checked);
const claims = await page.$$eval('.annotated [data-verdict]', (els) => els.length);
if (claims === 0) { failures++; console.log('  FAIL the last check shows no sentences'); }

// Phase 2: add a source and remove it, again and again.
const t1 = Date.now();
await page.fill('#article-input', 'Harbour Council approved the new ferry terminal.');
await page.click('#nav-sources');
async function cycle(k) {
  const html = `<html><head><title>Ferry vote ${k}</title></head><body><p>Harbour Council approved the new ferry terminal on Tuesday.</p>`
    + `<p>It will cost ${40 + (k % 7)} million euros, council member ${k} said.</p></body></html>`;
  await page.setInputFiles('#source-files', [{ name: `ferry-${k}.html`, mimeType: 'text/html', buffer: Buffer.from(html) }]);
  await page.waitForSelector('.source-list li[data-added]');
  await page.click('.source-list li[data-added] button.remove');
  await page.waitForFunction(() => !document.querySelector('.source-list li[data-added]'));
}
for (let k = 0; k < Math.min(20, CYCLES); k++) await cycle(k);
const warmSources = await memory();
console.log(`- ${CYCLES} cycles of adding and removing a source: after 20 ${fmt(warmSources)}`);
for (let k = 20; k < CYCLES; k++) await cycle(k);
const cycled = await memory();
console.log(`  after ${CYCLES} cycles ${fmt(cycled)} (${((Date.now() - t1) / 1000).toFixed(0)} s)`);
bound(`cycles 20 to ${CYCLES}`, warmSources, cycled);
const listed = await page.$$eval('.source-list li', (els) => els.length);
if (listed !== 5) { failures++; console.log(`  FAIL the seed corpus's 5 documents should be listed, not ${listed}`); }
await page.click('#nav-check');
await checkText(page, 'Harbour Council approved the new ferry terminal.');
const verdict = await page.$eval('.annotated [data-verdict]', (el) => el.dataset.verdict);
if (verdict !== 'unsupported') { failures++; console.log(`  FAIL after the last removal the claim is ${verdict}, not unsupported`); }

if (errors.length) { failures++; console.log(`  FAIL page errors: ${errors.slice(0, 3).join(' | ')}`); }
await browser.close();
server.close();
console.log(failures ? `soak: ${failures} failed` : 'soak: within bounds');
process.exit(failures ? 1 : 0);
