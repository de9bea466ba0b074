// The editor's live analysis as the page asks for it: through the analysis
// worker (analysis.worker.ts) when the browser can run one, on the page
// otherwise; either way the answer is what the editor shows of it
// (./analysis.ts) and a failure is the ApiError the server's answer makes.
import { ApiError, type ApiClient } from '../../api/client';
import { createMeasureApi, type Analysis, type ImpactMap } from '../../api/measure';
import { forTheEditor } from './analysis';
import type { AnalysisAsk, AnalysisErrorFields } from './analysis.worker';

export interface Analyser {
  /** The analysis of the map; rejects with an AbortError when `signal` aborts. */
  analyse(map: ImpactMap, signal: AbortSignal): Promise<Analysis>;
  /** Ends the worker; what it was still asked rejects with an AbortError, and later requests are made on the page. */
  close(): void;
}

type Answer = { id: number; analysis: Analysis } | { id: number; error: AnalysisErrorFields };

export function createAnalyser(client: ApiClient): Analyser {
  const measure = createMeasureApi(client);
  const onPage = (map: ImpactMap, signal: AbortSignal) => measure.analyse(map, signal).then(forTheEditor);
  let worker: Worker | null = null;
  try {
    worker = typeof Worker === 'undefined' ? null : new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    worker = null;
  }
  if (!worker) return { analyse: onPage, close: () => {} };

  const waiting = new Map<number, { resolve: (a: Analysis) => void; reject: (e: unknown) => void; again: () => void }>();
  let next = 0;
  worker.onmessage = ({ data }: MessageEvent<Answer>) => {
    const w = waiting.get(data.id);
    if (!w) return;
    waiting.delete(data.id);
    if ('analysis' in data) w.resolve(data.analysis);
    // A session that has ended is told to the page's client, whose listeners send the person to log in.
    else if (data.error.status === 401) w.again();
    else {
      const e = data.error;
      w.reject(new ApiError(e.status, e.code, e.message, e.field, e.retryAfter, e.fields));
    }
  };
  // A worker that cannot start (or fails) leaves the requests to the page.
  worker.onerror = () => {
    worker?.terminate();
    worker = null;
    for (const w of waiting.values()) w.again();
    waiting.clear();
  };

  return {
    analyse(map, signal) {
      const w = worker;
      if (!w) return onPage(map, signal);
      return new Promise<Analysis>((resolve, reject) => {
        const id = ++next;
        const again = () => onPage(map, signal).then(resolve, reject);
        waiting.set(id, { resolve, reject, again });
        signal.addEventListener(
          'abort',
          () => {
            if (!waiting.delete(id)) return;
            worker?.postMessage({ id, abort: true } satisfies AnalysisAsk);
            reject(new DOMException('The request was abandoned.', 'AbortError'));
          },
          { once: true },
        );
        w.postMessage({ id, map, csrf: client.getCsrfToken() } satisfies AnalysisAsk);
      });
    },
    close() {
      worker?.terminate();
      worker = null;
      for (const w of waiting.values()) w.reject(new DOMException('The analysis was abandoned.', 'AbortError'));
      waiting.clear();
    },
  };
}
