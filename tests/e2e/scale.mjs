// Corpus-scale benchmark in Chromium: serves the built app (dist/) with each
// index file in place of its corpus.idx, and prints the time to fetch and load
// the index, the JS heap after loading, and the time to check a 1,000-word
// article (first check, median of ten more) through the app's own module, as
// embed.js uses it. Figures only: nothing is asserted.
//
//   node tests/e2e/scale.mjs INDEX... (after `trunk build --release` and scripts/scale-bench.sh)
import { createServer } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { join, dirname, extname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = join(root, 'dist');
const indexes = process.argv.slice(2);
if (!indexes.length || !existsSync(join(dist, 'crosscheck-web_bg.wasm'))) {
  console.error('usage: node tests/e2e/scale.mjs INDEX...   (after trunk build --release)');
  process.exit(2);
}
const article = readFileSync(join(root, 'target', 'scale', 'article.txt'), 'utf8');
let corpus = null;
const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  if (path === '/bench.html') {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>bench</title>');
    return;
  }
  const file = path === '/corpus.idx' ? corpus : join(dist, basename(path));
  if (!existsSync(file)) { res.writeHead(404).end(); return; }
  res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
  res.end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});
console.log('index                      MB   load_ms memory_MB first_ms  median_ms');
for (const index of indexes) {
  corpus = index;
  const page = await browser.newPage();
  await page.goto(origin + '/bench.html');
  const r = await page.evaluate(async (text) => {
    window.crosscheck = { library: true };
    const mod = await import('/crosscheck-web.js');
    const wasm = await mod.default({ module_or_path: '/crosscheck-web_bg.wasm' });
    const t0 = performance.now();
    const bytes = new Uint8Array(await (await fetch('/corpus.idx')).arrayBuffer());
    mod.loadCorpus(bytes);
    const load = performance.now() - t0;
    gc();
    // The wasm's linear memory holds the corpus; the JS heap, the fetched bytes' remains.
    const heap = wasm.memory.buffer.byteLength + performance.memory.usedJSHeapSize;
    const times = [];
    for (let i = 0; i < 11; i++) {
      const t = performance.now();
      mod.checkArticle(text);
      times.push(performance.now() - t);
    }
    const rest = times.slice(1).sort((a, b) => a - b);
    return { load, heap, first: times[0], median: rest[5] };
  }, article);
  const mb = readFileSync(index).length / 1e6;
  console.log(`${basename(index).padEnd(22)} ${mb.toFixed(1).padStart(6)} ${r.load.toFixed(0).padStart(9)} ${(r.heap / 1e6).toFixed(0).padStart(8)} ${r.first.toFixed(1).padStart(9)} ${r.median.toFixed(1).padStart(10)}`);
  await page.close();
}
await browser.close();
server.close();
