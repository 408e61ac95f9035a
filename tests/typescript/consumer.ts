// A newsroom's own script on a page that embeds crosscheck, written against
// www/crosscheck.d.ts: `tsc --strict` must compile it (tests/typescript/check.mjs),
// and the end-to-end run loads the compiled script beside the widget and
// checks what it shows.
import type { CrosscheckGlobal, Report, ResultDetail, SelectDetail, Verdict, WidgetMessage } from '../../www/crosscheck';

/** Sentences per verdict, counted from the report itself. */
export function tally(report: Report): Record<Verdict, number> {
  const counts: Record<Verdict, number> = { supported: 0, conflicting: 0, unsupported: 0, none: 0 };
  for (const s of report.sentences) counts[s.verdict] += 1;
  return counts;
}

/** One line per conflicting claim: what differs, and the source that says so. */
export function conflicts(report: Report): string[] {
  return report.sentences
    .filter((s) => s.verdict === 'conflicting')
    .map((s) => {
      const differs = s.mismatches.map((m) => `${m.kind}: ${m.claim} / ${m.source}`).join('; ');
      const source = s.evidence.find((e) => e.stance === 'conflicting') ?? s.evidence[0];
      const dated = source?.date ? ` (${source.date})` : '';
      return `${s.text} | ${differs || s.explanation} | ${source ? source.title + dated : 'no source'}`;
    });
}

/** What a message from the widget's window says, for a host that listens to messages itself. */
export function describe(message: WidgetMessage): string {
  switch (message.type) {
    case 'crosscheck:ready': return 'ready';
    case 'crosscheck:height': return `height ${message.height}`;
    case 'crosscheck:result': return `result ${message.counts.conflicting} conflicting`;
    case 'crosscheck:select': return message.index === null ? 'closed' : `claim ${message.index}`;
  }
}

const output = document.querySelector<HTMLElement>('#consumer-output');
document.addEventListener('crosscheck:result', (event) => {
  const detail: ResultDetail = event.detail;
  if (!output) return;
  output.dataset.counts = JSON.stringify(tally(detail.report));
  output.dataset.agrees = String(JSON.stringify(tally(detail.report)) === JSON.stringify(detail.counts));
  output.textContent = conflicts(detail.report).join('\n');
  const loader: CrosscheckGlobal | undefined = window.crosscheck;
  output.dataset.loader = loader ? `version ${loader.version}, ${loader.widgets.length} widget(s)` : 'missing';
});
document.addEventListener('crosscheck:select', (event) => {
  const detail: SelectDetail = event.detail;
  if (output) output.dataset.selected = detail.index === null ? '' : `${detail.index} ${detail.verdict ?? ''}`;
});
