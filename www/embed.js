/* crosscheck embed loader. A newsroom adds one tag where the widget goes:
 *
 *   <script src="https://THEIR-HOST/embed.js" data-crosscheck async></script>
 *
 * TypeScript declarations of everything below: crosscheck.d.ts, beside this file.
 *
 * Optional attributes on the tag:
 *   data-theme="light|dark"     the widget's colour scheme (default: the reader's system setting)
 *   data-height="480"           the iframe's height in pixels until the widget reports its own
 *   data-text="..."             an article to check at once
 *   data-selector="article .body"  check the text of the elements of the host page it matches
 *   data-compact                a smaller layout for sidebars
 *   data-api="https://news.example/crosscheck-api"
 *                               API mode: the newsroom's archive server (`crosscheck serve`) finds
 *                               the sources; the page loads no corpus.idx and still makes the verdicts
 *
 * The loader inserts an iframe of the widget page (the app served next to this file), sizes it
 * from the widget's height messages, and re-dispatches the widget's events on the iframe element
 * (they bubble to `document`): `crosscheck:ready`, `crosscheck:result` (detail: counts and the
 * report) and `crosscheck:select` (detail: index, verdict, text). Messages are accepted only from
 * the widget's own window and origin. The only global is `window.crosscheck`.
 */
(function () {
  'use strict';
  var ns = (window.crosscheck = window.crosscheck || { version: 1, widgets: [] });
  if (ns.scan) {
    ns.scan();
    return;
  }

  function setUp(script) {
    script.setAttribute('data-crosscheck-loaded', '');
    var base = new URL('./', script.src || document.baseURI);
    var api = script.getAttribute('data-api');
    if (script.getAttribute('data-mode') === 'annotate') {
      var target = document.querySelector(script.getAttribute('data-target') || 'article');
      if (target) ns.widgets.push(annotate(target, base, null, api));
      return;
    }
    var params = new URLSearchParams({ embed: '1', host: location.origin });
    if (api) params.set('api', api);
    var theme = script.getAttribute('data-theme');
    if (theme === 'light' || theme === 'dark') params.set('theme', theme);
    if (script.hasAttribute('data-compact')) params.set('compact', '1');

    var frame = document.createElement('iframe');
    frame.src = base.href + '?' + params.toString();
    frame.title = 'crosscheck: fact check of this article';
    frame.setAttribute('data-crosscheck-frame', '');
    // "Copy link" inside the widget; without it the widget shows the link to copy by hand.
    frame.setAttribute('allow', 'clipboard-write');
    var height = parseInt(script.getAttribute('data-height'), 10);
    frame.style.cssText = 'display:block;width:100%;border:0;margin:0;padding:0;height:' +
      (height > 0 ? height : 480) + 'px;';
    script.parentNode.insertBefore(frame, script.nextSibling);

    function articleText() {
      var text = script.getAttribute('data-text');
      var selector = script.getAttribute('data-selector');
      if (!text && selector) {
        // Every match, in page order. innerText keeps paragraph breaks as the reader sees them
        // and leaves out scripts; it is read as text, never as HTML.
        var parts = [];
        document.querySelectorAll(selector).forEach(function (el) { parts.push(el.innerText || el.textContent); });
        text = parts.join('\n\n');
      }
      return text || '';
    }

    function onMessage(event) {
      if (event.source !== frame.contentWindow || event.origin !== base.origin) return;
      var data = event.data;
      if (!data || typeof data.type !== 'string' || data.type.indexOf('crosscheck:') !== 0) return;
      if (data.type === 'crosscheck:height') {
        var h = Math.max(0, Math.min(Number(data.height) || 0, 100000));
        frame.style.height = h + 'px';
        return;
      }
      if (data.type === 'crosscheck:ready') {
        var text = articleText();
        if (text) frame.contentWindow.postMessage({ type: 'crosscheck:text', text: text }, base.origin);
      }
      var detail = {};
      for (var key in data) if (key !== 'type') detail[key] = data[key];
      frame.dispatchEvent(new CustomEvent(data.type, { bubbles: true, detail: detail }));
    }
    window.addEventListener('message', onMessage);

    var widget = {
      frame: frame,
      script: script,
      /** Checks `text` in this widget. */
      check: function (text) {
        frame.contentWindow.postMessage({ type: 'crosscheck:text', text: String(text) }, base.origin);
      },
      /** Removes the widget and its listener. */
      destroy: function () {
        window.removeEventListener('message', onMessage);
        frame.remove();
        ns.widgets.splice(ns.widgets.indexOf(widget), 1);
      },
    };
    ns.widgets.push(widget);
  }

  // ------------------------------------------------------------------ in-place annotation
  var WORDS = { supported: 'Supported', conflicting: 'Conflicts with source', unsupported: 'No source found' };
  var ICONS = { supported: '✓', conflicting: '✗', unsupported: '?' };
  var engines = {};
  var corpora = {};

  /** The engine with its corpus: the deployment's corpus.idx, fetched beside the engine. In
   *  API mode (`api` set) there is none to load: each check asks the archive server. */
  function checker(base, api) {
    if (api) return engine(base);
    if (!corpora[base.href]) {
      var corpus = fetch(base.href + 'corpus.idx').then(function (r) {
        if (!r.ok) throw new Error('crosscheck: corpus.idx: HTTP ' + r.status);
        return r.arrayBuffer();
      });
      corpora[base.href] = engine(base).then(function (mod) {
        return corpus.then(function (bytes) { mod.loadCorpus(new Uint8Array(bytes)); return mod; });
      });
    }
    return corpora[base.href];
  }

  /** The engine, loaded once per host: the app's module, without its UI, with its models and
   *  house style. */
  function engine(base) {
    if (!engines[base.href]) {
      ns.library = true;
      // The deployment's house style, if it has one (else HTTP 404).
      var houseStyle = fetch(base.href + 'house-style.toml').then(function (r) {
        return r.ok ? r.text() : null;
      }, function () { return null; });
      engines[base.href] = import(base.href + 'crosscheck-web.js').then(function (mod) {
        return mod.default({ module_or_path: base.href + 'crosscheck-web_bg.wasm' })
          .then(function () {
            // The learned models, beside corpus.idx; one that fails leaves the
            // engine less accurate, with a warning, rather than stopped.
            return Promise.all(mod.modelFiles().map(function (name) {
              return fetch(base.href + name)
                .then(function (r) { return r.ok ? r.arrayBuffer() : null; })
                .then(function (b) { return b && new Uint8Array(b); }, function () { return null; });
            }));
          })
          .then(function (files) {
            var notice = mod.loadModels(files);
            if (notice) console.warn('crosscheck: ' + notice);
            return houseStyle;
          })
          .then(function (text) {
            var wrong = text != null && mod.loadHouseStyle(text);
            if (wrong) console.warn('crosscheck: ' + wrong);
            return mod;
          });
      });
    }
    return engines[base.href];
  }

  var BLOCK = 'p,li,h1,h2,h3,h4,h5,h6,blockquote,div,section,article,td,th,figcaption,pre,dd,dt';
  var MARK_CSS =
    ':host{border-radius:.15em;padding:0 .05em;cursor:pointer;text-decoration-thickness:2px;text-underline-offset:.2em}' +
    ':host([data-verdict=supported]){background:rgba(26,127,55,.16);text-decoration-line:underline;text-decoration-style:solid;text-decoration-color:#1a7f37}' +
    ':host([data-verdict=conflicting]){background:rgba(180,35,24,.16);text-decoration-line:underline;text-decoration-style:wavy;text-decoration-color:#b42318}' +
    ':host([data-verdict=unsupported]){background:rgba(138,109,0,.16);text-decoration-line:underline;text-decoration-style:dotted;text-decoration-color:#8a6d00}' +
    ':host(:focus-visible){outline:3px solid #0b57d0;outline-offset:1px}' +
    '.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}' +
    '.icon{font-weight:700;font-family:system-ui,sans-serif;font-size:.85em;margin-right:.1em}';
  var UI_CSS =
    ':host{all:initial;display:block}' +
    '.badge,.pop{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1f24;background:#fff;border:1px solid #d0d7de;border-radius:6px}' +
    '.badge{display:inline-flex;gap:.6em;padding:.25em .6em;margin:.25em 0}' +
    '.pop{position:absolute;z-index:2147483647;max-width:min(28rem,90vw);padding:.6em .8em;box-shadow:0 4px 16px rgba(0,0,0,.18)}' +
    '.pop[hidden]{display:none}.pop h2{font-size:1em;margin:0 0 .3em}.pop p{margin:.3em 0}' +
    '.pop blockquote{margin:.3em 0;padding-left:.6em;border-left:3px solid #d0d7de}.pop .doc{color:#57606a;font-size:.9em}' +
    '.badge button{font:inherit}' +
    '.pop button{font:inherit;float:right;border:1px solid #d0d7de;background:#f6f8fa;border-radius:4px;cursor:pointer}' +
    '.supported{color:#1a7f37}.conflicting{color:#b42318}.unsupported{color:#7a5a00}' +
    '@media (prefers-color-scheme: dark){.badge,.pop{color:#e6edf3;background:#161d25;border-color:#3a444f}' +
    '.supported{color:#6fdd8b}.conflicting{color:#ff9b8f}.unsupported{color:#f2cc60}}' +
    'slot{display:contents}';

  if (window.customElements && !customElements.get('crosscheck-mark')) {
    customElements.define('crosscheck-mark', class extends HTMLElement {
      connectedCallback() {
        if (this.shadowRoot) return;
        var root = this.attachShadow({ mode: 'open' });
        adopt(root, MARK_CSS);
        var v = this.getAttribute('data-verdict');
        if (this.hasAttribute('data-first')) {
          var icon = document.createElement('span');
          icon.className = 'icon';
          icon.setAttribute('aria-hidden', 'true');
          icon.textContent = ICONS[v] || '';
          var sr = document.createElement('span');
          sr.className = 'sr';
          sr.textContent = (WORDS[v] || v) + ': ';
          root.appendChild(icon);
          root.appendChild(sr);
        }
        root.appendChild(document.createElement('slot'));
      }
    });
  }

  /** Styles for a shadow root: a constructed sheet where supported (a strict CSP without
   *  'unsafe-inline' blocks <style> elements, not CSSOM), else a <style> element. */
  function adopt(root, css) {
    try {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = root.adoptedStyleSheets.concat([sheet]);
      return function () {
        root.adoptedStyleSheets = root.adoptedStyleSheets.filter(function (x) { return x !== sheet; });
      };
    } catch (e) {
      var style = document.createElement('style');
      style.textContent = css;
      root.appendChild(style);
      return function () { style.remove(); };
    }
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  /**
   * Annotates `target` in place. `uiHost` is an element whose shadow root holds the badge and
   * the popover (the <crosscheck-article> itself), or null to insert one before `target`.
   * `api`: the archive server's address in API mode, else null.
   */
  function annotate(target, base, uiHost, api) {
    var own = !uiHost;
    if (own) {
      uiHost = document.createElement('crosscheck-ui');
      target.parentNode.insertBefore(uiHost, target);
    }
    var root = uiHost.shadowRoot || uiHost.attachShadow({ mode: 'open' });
    var unstyle = adopt(root, UI_CSS);
    var badge = el('div', 'badge', 'crosscheck: checking…');
    badge.setAttribute('role', 'status');
    var pop = el('div', 'pop');
    pop.hidden = true;
    pop.setAttribute('role', 'dialog');
    pop.setAttribute('aria-label', 'Evidence');
    root.appendChild(badge);
    root.appendChild(pop);
    if (!own) root.appendChild(el('slot'));

    var marks = [];
    var touched = [];
    var report = null;
    var current = null;
    var alive = true;

    function fire(type, detail) {
      target.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail: detail }));
    }

    // The article as text: its text nodes in order, a blank line between blocks.
    function collect() {
      var walker = document.createTreeWalker(target, NodeFilter.SHOW_TEXT, {
        acceptNode: function (n) {
          return n.parentElement && n.parentElement.closest('script,style,noscript,template,crosscheck-ui')
            ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
        },
      });
      var text = '';
      var segments = [];
      var lastBlock = null;
      for (var n = walker.nextNode(); n; n = walker.nextNode()) {
        var block = n.parentElement.closest(BLOCK);
        if (segments.length && block !== lastBlock) text += '\n\n';
        lastBlock = block;
        segments.push({ node: n, start: text.length, end: text.length + n.data.length });
        text += n.data;
      }
      return { text: text, segments: segments };
    }

    // Wraps [start, end) (UTF-16 offsets of the collected text) in marks, last sentence first
    // so that splitting a text node never moves an earlier range.
    function wrap(segments, start, end, sentence) {
      var pieces = [];
      for (var i = 0; i < segments.length; i++) {
        var seg = segments[i];
        var a = Math.max(start, seg.start);
        var b = Math.min(end, seg.end);
        if (a >= b || !seg.node.data.slice(a - seg.start, b - seg.start).trim()) continue;
        pieces.push({ node: seg.node, from: a - seg.start, to: b - seg.start });
      }
      for (var k = pieces.length - 1; k >= 0; k--) {
        var p = pieces[k];
        var node = p.node;
        if (p.to < node.data.length) node.splitText(p.to);
        var middle = p.from > 0 ? node.splitText(p.from) : node;
        var mark = document.createElement('crosscheck-mark');
        mark.setAttribute('data-verdict', sentence.verdict);
        mark.setAttribute('data-sentence-index', String(sentence.index));
        if (k === 0) {
          mark.setAttribute('data-first', '');
          mark.setAttribute('tabindex', '0');
          mark.setAttribute('role', 'button');
          mark.setAttribute('aria-haspopup', 'dialog');
        }
        if (touched.indexOf(middle.parentNode) < 0) touched.push(middle.parentNode);
        middle.parentNode.insertBefore(mark, middle);
        mark.appendChild(middle);
        marks.push(mark);
      }
    }

    function show(mark) {
      var r = report && report.sentences[Number(mark.getAttribute('data-sentence-index'))];
      if (!r) return;
      current = mark;
      pop.textContent = '';
      var close = el('button', '', '×');
      close.setAttribute('aria-label', 'Close evidence');
      close.addEventListener('click', function () { hide(true); });
      pop.appendChild(close);
      pop.appendChild(el('h2', r.verdict, (ICONS[r.verdict] || '') + ' ' + (WORDS[r.verdict] || r.verdict) +
        ' · confidence ' + Math.round(r.confidence * 100) + '%'));
      pop.appendChild(el('p', '', r.explanation));
      (r.evidence || []).slice(0, 2).forEach(function (e) {
        pop.appendChild(el('blockquote', '', e.text));
        pop.appendChild(el('p', 'doc', e.title + ' (' + e.doc + ')'));
      });
      pop.hidden = false;
      var box = mark.getBoundingClientRect();
      var hostBox = uiHost.getBoundingClientRect();
      pop.style.left = Math.max(0, box.left - hostBox.left) + 'px';
      pop.style.top = (box.bottom - hostBox.top + 6) + 'px';
      fire('crosscheck:select', { index: r.index, verdict: r.verdict, text: r.text });
    }

    function hide(refocus) {
      if (pop.hidden) return;
      pop.hidden = true;
      if (refocus && current) current.focus();
      current = null;
      fire('crosscheck:select', { index: null });
    }

    function markOf(event) {
      var t = event.target;
      return t && t.closest ? t.closest('crosscheck-mark') : null;
    }
    function onClick(event) {
      var mark = markOf(event);
      // A link inside a claim stays a link.
      if (!mark || event.target.closest('a')) return;
      show(mark);
    }
    function onFocus(event) {
      var mark = markOf(event);
      if (mark && mark.hasAttribute('tabindex')) show(mark);
    }
    function onKey(event) {
      var mark = markOf(event);
      if (event.key === 'Escape') hide(true);
      else if (mark && (event.key === 'Enter' || event.key === ' ')) { event.preventDefault(); show(mark); }
    }
    function onOutside(event) {
      if (!pop.hidden && !markOf(event) && event.composedPath().indexOf(pop) < 0) hide(false);
    }
    target.addEventListener('click', onClick);
    target.addEventListener('focusin', onFocus);
    target.addEventListener('keydown', onKey);
    root.addEventListener('keydown', onKey);
    document.addEventListener('click', onOutside);

    var readyFired = false;
    function run() {
      badge.textContent = 'crosscheck: checking…';
      checker(base, api).then(function (mod) {
        if (!alive) return;
        if (!readyFired) fire('crosscheck:ready', {});
        readyFired = true;
        var collected = collect();
        return Promise.resolve(api ? mod.checkWithServer(api, collected.text) : mod.checkArticle(collected.text))
          .then(function (r) { if (alive) showReport(r, collected); });
      }).catch(function (error) {
        if (!alive) return;
        badge.textContent = 'crosscheck could not check this article: ' + (error && error.message || error);
        // In API mode the server may be back in a moment.
        if (api) {
          var retry = el('button', '', 'Retry');
          retry.type = 'button';
          retry.addEventListener('click', run);
          badge.appendChild(retry);
        }
      });
    }

    function showReport(r, collected) {
      report = r;
      // Engine offsets count characters (code points); the DOM counts UTF-16 units.
      var units = [0];
      for (var ch of collected.text) units.push(units[units.length - 1] + ch.length);
      for (var i = report.sentences.length - 1; i >= 0; i--) {
        var s = report.sentences[i];
        if (s.verdict === 'none') continue;
        wrap(collected.segments, units[s.range[0]], units[s.range[1]], s);
      }
      var c = report.summary;
      badge.textContent = '';
      badge.appendChild(el('span', '', 'crosscheck:'));
      [['conflicting', c.conflicting], ['unsupported', c.unsupported], ['supported', c.supported]].forEach(function (x) {
        var item = el('span', x[0], ICONS[x[0]] + ' ' + x[1] + ' ');
        item.appendChild(el('span', '', WORDS[x[0]].toLowerCase()));
        badge.appendChild(item);
      });
      fire('crosscheck:result', {
        counts: { supported: c.supported, conflicting: c.conflicting, unsupported: c.unsupported, none: c.none },
        report: report,
        text: collected.text,
      });
    }
    run();

    var handle = {
      target: target,
      /** Unwraps every mark, removes the badge and popover, and stops listening. */
      destroy: function () {
        alive = false;
        target.removeEventListener('click', onClick);
        target.removeEventListener('focusin', onFocus);
        target.removeEventListener('keydown', onKey);
        document.removeEventListener('click', onOutside);
        marks.forEach(function (m) {
          while (m.firstChild) m.parentNode.insertBefore(m.firstChild, m);
          m.remove();
        });
        touched.forEach(function (n) { n.normalize(); });
        marks = [];
        if (own) uiHost.remove();
        else { unstyle(); badge.remove(); pop.remove(); }
        var i = ns.widgets.indexOf(handle);
        if (i >= 0) ns.widgets.splice(i, 1);
      },
    };
    return handle;
  }

  if (window.customElements && !customElements.get('crosscheck-article')) {
    var scriptBase = document.currentScript && document.currentScript.src
      ? new URL('./', document.currentScript.src) : null;
    // The loader's own data-api, for <crosscheck-article> elements without one.
    var scriptApi = document.currentScript && document.currentScript.getAttribute('data-api');
    customElements.define('crosscheck-article', class extends HTMLElement {
      connectedCallback() {
        if (this._handle) return;
        var base = this.getAttribute('data-host') ? new URL(this.getAttribute('data-host'), location.href)
          : (scriptBase || new URL('./', document.baseURI));
        this._handle = annotate(this, base, this, this.getAttribute('data-api') || scriptApi);
        ns.widgets.push(this._handle);
      }
      disconnectedCallback() {
        if (this._handle) this._handle.destroy();
        this._handle = null;
      }
    });
  }


  /** Sets up every `script[data-crosscheck]` not yet set up (for tags added later). */
  ns.scan = function () {
    var scripts = document.querySelectorAll('script[data-crosscheck]:not([data-crosscheck-loaded])');
    for (var i = 0; i < scripts.length; i++) setUp(scripts[i]);
  };
  ns.scan();
})();
