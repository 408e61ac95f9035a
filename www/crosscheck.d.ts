/**
 * TypeScript declarations for crosscheck: the report (the JSON of
 * `crosscheck check --format json`, and the object `checkArticle` returns),
 * the widget loader `embed.js` (`window.crosscheck`), the events it
 * dispatches and the messages between the widget and its host page, and the
 * engine module `crosscheck-web.js` as `embed.js` uses it.
 *
 * Served beside embed.js. Checked by tests/typescript (a consumer that
 * `tsc --strict` compiles, and a real report checked against `Report`).
 */

// ------------------------------------------------------------------ the report

/** `none`: the sentence makes no checkable claim. */
export type Verdict = 'supported' | 'conflicting' | 'unsupported' | 'none';

/** What kind of detail differs between a claim and its source. */
export type MismatchKind =
  | 'number' | 'date' | 'entity' | 'title' | 'polarity' | 'antonym'
  | 'quantifier' | 'modality' | 'role' | 'category' | 'detail';

/** A [start, end) range in characters (Unicode code points, not UTF-16 units). */
export type CharRange = [number, number];

/** A detail that differs: what the article says and what the source says. */
export interface Mismatch {
  kind: MismatchKind;
  /** The claim's words ("12-point"). */
  claim: string;
  /** The source's words ("20-point"). */
  source: string;
  /** Where `claim` is in the checked sentence. */
  claim_range: CharRange;
}

/** One evidence passage: a corpus sentence or two adjacent ones. */
export interface Evidence {
  /** Document id: file name, or the `doc` field of a JSON Lines corpus. */
  doc: string;
  title: string;
  /** Present when the corpus gives it. */
  url?: string;
  /** Present when the corpus (or its house style) gives it. */
  date?: string;
  /** The passage, exactly as in the document. */
  text: string;
  /** Where `text` is in the document. */
  range: CharRange;
  /** Ranges in `text` of the words aligned with the claim. */
  matched: CharRange[];
  /** Ranges in `text` of the differing details (conflicts only). */
  differing: CharRange[];
  /** Whether this passage supports or contradicts the claim. */
  stance: Verdict;
}

export interface SentenceResult {
  index: number;
  text: string;
  /** Where the sentence is in the checked text. */
  range: CharRange;
  verdict: Verdict;
  /** How sure the engine is, in [0, 1]. */
  confidence: number;
  /** One line for people: what was found and, for a conflict, what differs. */
  explanation: string;
  /** Best passages first. */
  evidence: Evidence[];
  mismatches: Mismatch[];
  /** Ranges in `text` of the claim words the evidence covers. */
  matched: CharRange[];
  /** Some passages support the claim and others contradict it. */
  sources_disagree: boolean;
}

/** Sentences per verdict. */
export interface Summary {
  supported: number;
  conflicting: number;
  unsupported: number;
  none: number;
}

export interface CorpusInfo {
  documents: number;
  sentences: number;
}

export interface Report {
  /** 1; bumped when a field changes meaning (fields are only ever added). */
  version: number;
  corpus: CorpusInfo;
  summary: Summary;
  sentences: SentenceResult[];
  /** Present when the input could not be checked as given (empty, cut to the size limit). */
  notice?: string;
}

// ------------------------------------------------------------------ widget events and messages

/** `detail` of `crosscheck:result`. */
export interface ResultDetail {
  counts: Summary;
  report: Report;
  /** The annotated article's text (in-place annotation only). */
  text?: string;
}

/** `detail` of `crosscheck:select`: the claim whose evidence is shown, or `index: null` when closed. */
export interface SelectDetail {
  index: number | null;
  verdict?: Verdict;
  text?: string;
}

/** Events dispatched on the widget's iframe, or on the annotated element; they bubble to `document`. */
export interface CrosscheckEventMap {
  'crosscheck:ready': CustomEvent<Record<string, never>>;
  'crosscheck:result': CustomEvent<ResultDetail>;
  'crosscheck:select': CustomEvent<SelectDetail>;
}

/** Messages the widget posts to its host page (structured clones, from the widget's origin only). */
export type WidgetMessage =
  | { type: 'crosscheck:ready' }
  | { type: 'crosscheck:height'; height: number }
  | ({ type: 'crosscheck:result' } & ResultDetail)
  | ({ type: 'crosscheck:select' } & SelectDetail);

/** The one message a host page posts to the widget: an article to check. */
export interface TextMessage {
  type: 'crosscheck:text';
  text: string;
}

// ------------------------------------------------------------------ the loader's tag

/**
 * Attributes of the loader's tag, `<script src=".../embed.js" data-crosscheck ...>` (values are
 * strings, as in HTML). `<crosscheck-article>` takes `data-api` too (else the loader tag's), and
 * `data-host` (where the engine is served; default: beside embed.js).
 */
export interface LoaderAttributes {
  'data-crosscheck': '';
  'data-theme'?: 'light' | 'dark';
  /** Pixels, until the widget reports its height. */
  'data-height'?: string;
  /** An article to check at once. */
  'data-text'?: string;
  /** Check the text of the host page's elements it matches. */
  'data-selector'?: string;
  'data-compact'?: '';
  /** In-place annotation of the element `data-target` matches. */
  'data-mode'?: 'annotate';
  'data-target'?: string;
  /**
   * API mode: the address of the newsroom's archive server (`crosscheck serve`), such as
   * `https://news.example/crosscheck-api`. The widget then loads no corpus.idx: it sends the
   * article's sentences to `POST {api}/candidates` and still makes the verdicts itself. The
   * server must allow the widget's origin (CORS); in-place annotation needs it in `connect-src`.
   */
  'data-api'?: string;
}

// ------------------------------------------------------------------ the loader's global

/** A widget inserted for a `<script data-crosscheck>` tag. */
export interface Widget {
  frame: HTMLIFrameElement;
  script: HTMLScriptElement;
  /** Checks `text` in this widget. */
  check(text: string): void;
  /** Removes the widget and its listener. */
  destroy(): void;
}

/** An article annotated in place (`data-mode="annotate"`, or `<crosscheck-article>`). */
export interface Annotation {
  target: Element;
  /** Unwraps every mark, removes the badge and popover, and stops listening. */
  destroy(): void;
}

/** `window.crosscheck`, the loader's only global. */
export interface CrosscheckGlobal {
  version: 1;
  widgets: Array<Widget | Annotation>;
  /** Sets up every `script[data-crosscheck]` added since. */
  scan(): void;
  /** Set by the loader when the engine module is used without its UI. */
  library?: boolean;
}

// ------------------------------------------------------------------ the engine module

/** `crosscheck-web.js`, as embed.js uses it (wasm-bindgen's own declarations are beside it). */
export interface EngineModule {
  default(init: { module_or_path: string | URL }): Promise<unknown>;
  /** The model files to fetch beside corpus.idx, in the order `loadModels` takes. */
  modelFiles(): string[];
  /** Model files' bytes (null for one that failed); a message when one is missing or damaged. */
  loadModels(files: Array<Uint8Array | null>): string | undefined;
  /** A house-style file's text; a message naming what is wrong, else undefined. */
  loadHouseStyle(text: string): string | undefined;
  /** The corpus index; throws a message when it is damaged. */
  loadCorpus(index: Uint8Array): void;
  /** Checks an article against the loaded corpus. */
  checkArticle(text: string): Report;
  /**
   * API mode, instead of `loadCorpus`: checks an article with the archive server at `api`
   * (`crosscheck serve`), which sends the candidate passages. Rejects with a message when the
   * server cannot be reached, speaks another version of the API or fails.
   */
  checkWithServer(api: string, text: string): Promise<Report>;
}

declare global {
  interface Window {
    crosscheck?: CrosscheckGlobal;
  }
  interface HTMLElementEventMap extends CrosscheckEventMap {}
  interface DocumentEventMap extends CrosscheckEventMap {}
}
