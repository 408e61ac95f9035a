// Times the release wasm's engine outside the browser: Node loads one or more
// built apps (each a Trunk `dist/` folder) as libraries, loads each one's
// corpus.idx and runs `checkArticle` on an article, the builds interleaved
// check by check so that a busy host slows them alike. The model files beside
// corpus.idx are loaded too, as the app does. Prints the median and
// fastest time per build after ten warm-up checks (V8 tiers up wasm code).
// The time includes turning the report into a JavaScript object, as the
// in-place annotator uses it: builds whose `checkArticle` returns JSON text
// (before serde-wasm-bindgen) have it parsed with JSON.parse.
//
//   node scripts/wasm-bench.mjs ARTICLE [RUNS] DIST [DIST...]
//   node scripts/wasm-bench.mjs article.txt 80 /tmp/dist-before dist
//
// A developer's tool for A/B comparisons: the size-optimised wasm does not
// always speed up with the native build (an iterator that helped natively
// cost it 5%). `tests/e2e/run.mjs` gives the in-page figure.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [article, ...rest] = process.argv.slice(2);
const runsGiven = /^\d+$/.test(rest[0] ?? '');
const dists = runsGiven ? rest.slice(1) : rest;
if (!article || !dists.length) {
  console.error('usage: node scripts/wasm-bench.mjs ARTICLE [RUNS] DIST [DIST...]');
  process.exit(2);
}
// The module mounts the app unless the page marks it as a library; its window
// check is an `instanceof Window` on the global object.
globalThis.Window = class Window {};
Object.setPrototypeOf(globalThis, Object.create(Window.prototype,
  Object.getOwnPropertyDescriptors(Object.getPrototypeOf(globalThis))));
globalThis.crosscheck = { library: true };

const builds = [];
for (const dist of dists) {
  const dir = resolve(dist);
  const glue = await import(pathToFileURL(`${dir}/crosscheck-web.js`).href);
  glue.initSync({ module: readFileSync(`${dir}/crosscheck-web_bg.wasm`) });
  // The model files beside corpus.idx, as the app loads them (builds that have them).
  if (glue.modelFiles) {
    const notice = glue.loadModels(glue.modelFiles().map((f) => new Uint8Array(readFileSync(`${dir}/${f}`))));
    if (notice) console.error(`${dist}: ${notice}`);
  }
  // The house style beside corpus.idx, as the app loads it (builds that have one).
  if (glue.loadHouseStyle) {
    try {
      const wrong = glue.loadHouseStyle(readFileSync(`${dir}/house-style.toml`, 'utf8'));
      if (wrong) console.error(`${dist}: ${wrong}`);
    } catch { /* none served */ }
  }
  glue.loadCorpus(readFileSync(`${dir}/corpus.idx`));
  builds.push({ dist, glue, times: [] });
}
const text = readFileSync(article, 'utf8');
const runs = runsGiven ? Math.max(Number(rest[0]), 20) : 60;
for (let i = 0; i < runs; i++) {
  for (const b of builds) {
    const t = performance.now();
    const report = b.glue.checkArticle(text + ' '.repeat(i));
    if (typeof report === 'string') JSON.parse(report);
    b.times.push(performance.now() - t);
  }
}
const words = text.split(/\s+/).filter(Boolean).length;
for (const b of builds) {
  const s = b.times.slice(10).sort((x, y) => x - y);
  console.log(`${b.dist}: ${words}-word article, median ${s[s.length >> 1].toFixed(2)} ms, fastest ${s[0].toFixed(2)} ms over ${s.length} checks`);
}
