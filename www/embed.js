/* crosscheck embed loader. A newsroom adds one tag where the widget goes:
 *
 *   <script src="https://THEIR-HOST/embed.js" data-crosscheck async></script>
 *
 * Optional attributes on the tag:
 *   data-theme="light|dark"     the widget's colour scheme (default: the reader's system setting)
 *   data-height="480"           the iframe's height in pixels until the widget reports its own
 *   data-text="..."             an article to check at once
 *   data-selector="article .body"  check the text of this element of the host page
 *   data-compact                a smaller layout for sidebars
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
    var params = new URLSearchParams({ embed: '1', host: location.origin });
    var theme = script.getAttribute('data-theme');
    if (theme === 'light' || theme === 'dark') params.set('theme', theme);
    if (script.hasAttribute('data-compact')) params.set('compact', '1');

    var frame = document.createElement('iframe');
    frame.src = base.href + '?' + params.toString();
    frame.title = 'crosscheck: fact check of this article';
    frame.setAttribute('data-crosscheck-frame', '');
    var height = parseInt(script.getAttribute('data-height'), 10);
    frame.style.cssText = 'display:block;width:100%;border:0;margin:0;padding:0;height:' +
      (height > 0 ? height : 480) + 'px;';
    script.parentNode.insertBefore(frame, script.nextSibling);

    function articleText() {
      var text = script.getAttribute('data-text');
      var selector = script.getAttribute('data-selector');
      if (!text && selector) {
        var el = document.querySelector(selector);
        // innerText keeps paragraph breaks as the reader sees them; read as text, never as HTML.
        if (el) text = el.innerText || el.textContent;
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

  /** Sets up every `script[data-crosscheck]` not yet set up (for tags added later). */
  ns.scan = function () {
    var scripts = document.querySelectorAll('script[data-crosscheck]:not([data-crosscheck-loaded])');
    for (var i = 0; i < scripts.length; i++) setUp(scripts[i]);
  };
  ns.scan();
})();
