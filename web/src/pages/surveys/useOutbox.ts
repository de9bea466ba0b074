import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, apiClient } from '../../api';
import { browserOutbox, flushOutbox, memoryOutbox, type FlushReport, type OutboxStore, type QueuedResponse, type SendOutcome } from './outbox';

let store: OutboxStore | null = null;
function outboxStore(): OutboxStore {
  store ??= typeof indexedDB === 'undefined' ? memoryOutbox() : browserOutbox();
  return store;
}

/** Posts one response; a lost connection, a busy server or a rate limit is tried again later. */
export async function sendResponse(token: string, body: Record<string, unknown>, key: string): Promise<SendOutcome> {
  try {
    await apiClient.post(`/s/${encodeURIComponent(token)}/responses`, body, { headers: { 'Idempotency-Key': key } });
    return { sent: true };
  } catch (err) {
    if (!(err instanceof ApiError) || err.status === 0 || err.status === 429 || err.status >= 500) return { sent: false, retry: true };
    return { sent: false, retry: false, message: err.message };
  }
}

const RETRY_MS = 15_000;

/**
 * The responses waiting on this device: `queue` keeps one, and they are sent
 * when the page opens, when the browser says it is online again, and every
 * few seconds while any wait.
 */
export function useOutbox() {
  const [report, setReport] = useState<FlushReport & { lastSent: number }>({ sent: 0, waiting: 0, refused: [], lastSent: 0 });
  const flushing = useRef(false);

  const flush = useCallback(async () => {
    if (flushing.current) return;
    flushing.current = true;
    try {
      const r = await flushOutbox(outboxStore(), (item: QueuedResponse) => sendResponse(item.token, item.body, item.key));
      setReport((before) => ({ ...r, lastSent: r.sent > 0 ? r.sent : before.lastSent }));
    } catch {
      // The store could not be read (private mode): nothing is waiting.
    } finally {
      flushing.current = false;
    }
  }, []);

  useEffect(() => {
    void flush();
    const online = () => void flush();
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [flush]);

  useEffect(() => {
    if (report.waiting === 0) return;
    const timer = window.setInterval(() => void flush(), RETRY_MS);
    return () => window.clearInterval(timer);
  }, [report.waiting, flush]);

  const queue = useCallback(
    async (item: QueuedResponse) => {
      await outboxStore().put(item);
      setReport((r) => ({ ...r, waiting: r.waiting + 1 }));
    },
    [],
  );

  const discardRefused = useCallback(async () => {
    for (const item of report.refused) await outboxStore().remove(item.key);
    setReport((r) => ({ ...r, refused: [] }));
  }, [report.refused]);

  return { report, queue, flush, discardRefused };
}

/** Registers the survey link's service worker and gives it what this page already loaded. */
export function keepSurveyOffline(token: string): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker
    .register('/survey-sw.js', { scope: '/s/' })
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      const loaded = performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((href) => href.startsWith(`${location.origin}/assets/`));
      registration.active?.postMessage({ type: 'keep', urls: [...loaded, '/favicon.svg', location.pathname, `/api/v1/s/${encodeURIComponent(token)}`] });
    })
    .catch(() => {
      // No worker (an old browser, a private window): the form still works online.
    });
}
