// The editor's live analysis, off the page's main thread: this worker posts
// the map to POST /impact-maps/calculate with the same client and request as
// the page would (createMeasureApi's analyse), reads and parses the answer
// (some 400 KB for a 200-outcome map) and hands back what the editor shows
// of it (./analysis.ts), so that a keystroke's main-thread work does not
// include sending the map, reading the answer or parsing it.
//
// In:  { id, map, csrf }  a request, with the session's CSRF token
//      { id, abort: true } the request abandoned
// Out: { id, analysis } or { id, error: the ApiError's fields }
import { ApiClient, ApiError } from '../../api/client';
import { createMeasureApi, type ImpactMap } from '../../api/measure';
import { forTheEditor } from './analysis';

export type AnalysisAsk = { id: number; map: ImpactMap; csrf: string | null } | { id: number; abort: true };
export type AnalysisErrorFields = Pick<ApiError, 'status' | 'code' | 'message' | 'field' | 'retryAfter' | 'fields'>;

const client = new ApiClient();
const measure = createMeasureApi(client);
const inflight = new Map<number, AbortController>();
// The app is type-checked against the DOM's library; a worker's global scope has these two.
const scope = self as unknown as { onmessage: ((e: MessageEvent<AnalysisAsk>) => void) | null; postMessage: (message: unknown) => void };

scope.onmessage = ({ data }) => {
  if ('abort' in data) {
    inflight.get(data.id)?.abort();
    inflight.delete(data.id);
    return;
  }
  const ctl = new AbortController();
  inflight.set(data.id, ctl);
  client.setCsrfToken(data.csrf);
  measure
    .analyse(data.map, ctl.signal)
    .then((a) => scope.postMessage({ id: data.id, analysis: forTheEditor(a) }))
    .catch((e) => {
      if (ctl.signal.aborted) return;
      const error: AnalysisErrorFields =
        e instanceof ApiError
          ? { status: e.status, code: e.code, message: e.message, field: e.field, retryAfter: e.retryAfter, fields: e.fields }
          : { status: 0, code: 'internal', message: String(e), field: null, retryAfter: null, fields: [] };
      scope.postMessage({ id: data.id, error });
    })
    .finally(() => inflight.delete(data.id));
};
