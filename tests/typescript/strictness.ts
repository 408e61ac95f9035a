// The declarations are precise enough to catch a consumer's mistakes: each
// line below must be an error (an unused @ts-expect-error fails the build).
import type { Evidence, Report, SentenceResult, TextMessage, Verdict } from '../../www/crosscheck';

// @ts-expect-error: not a verdict
export const unknownVerdict: Verdict = 'maybe';
// @ts-expect-error: confidence is a number
export const confidence: SentenceResult['confidence'] = '0.9';
// @ts-expect-error: url is optional, so possibly undefined
export const url = (e: Evidence): string => e.url;
// @ts-expect-error: the message to the widget needs its text
export const message: TextMessage = { type: 'crosscheck:text' };
// @ts-expect-error: the report has no `claims` field
export const claims = (r: Report) => r.claims;
