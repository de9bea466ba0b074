// Answers kept on the device until they are sent (docs/api.md "Surveys",
// the public form). A response completed without a connection waits in IndexedDB
// with the Idempotency-Key it was given when completed; it is sent when the
// device is back online, and the key makes a resend count once.
import { createStore, del, entries, set, type UseStore } from 'idb-keyval';

export interface QueuedResponse {
  /** The Idempotency-Key: also the key it is stored under. */
  key: string;
  token: string;
  body: Record<string, unknown>;
  savedAt: string;
  /** Why the server refused it, once it has: it is not sent again. */
  refused?: string;
}

/** Where queued responses are kept: IndexedDB in a browser, a Map in tests. */
export interface OutboxStore {
  put(item: QueuedResponse): Promise<void>;
  remove(key: string): Promise<void>;
  all(): Promise<QueuedResponse[]>;
}

let idbStore: UseStore | null = null;

/** The browser's store: database "valuemark-surveys", object store "outbox". */
export function browserOutbox(): OutboxStore {
  idbStore ??= createStore('valuemark-surveys', 'outbox');
  const store = idbStore;
  return {
    put: (item) => set(item.key, item, store),
    remove: (key) => del(key, store),
    all: async () => (await entries<string, QueuedResponse>(store)).map(([, v]) => v).sort((a, b) => a.savedAt.localeCompare(b.savedAt)),
  };
}

/** A store in memory, for tests and for browsers without IndexedDB. */
export function memoryOutbox(): OutboxStore {
  const items = new Map<string, QueuedResponse>();
  return {
    put: async (item) => void items.set(item.key, structuredClone(item)),
    remove: async (key) => void items.delete(key),
    all: async () => [...items.values()].sort((a, b) => a.savedAt.localeCompare(b.savedAt)),
  };
}

/** What sending one response came to. */
export type SendOutcome = { sent: true } | { sent: false; retry: true } | { sent: false; retry: false; message: string };

export interface FlushReport {
  sent: number;
  waiting: number;
  refused: QueuedResponse[];
}

/**
 * Sends every queued response not refused before, oldest first. A sent one
 * leaves the store; one the server refuses keeps its reason and is not sent
 * again; on a network failure the rest wait for the next try.
 */
export async function flushOutbox(store: OutboxStore, send: (item: QueuedResponse) => Promise<SendOutcome>): Promise<FlushReport> {
  let sent = 0;
  let offline = false;
  for (const item of await store.all()) {
    if (item.refused || offline) continue;
    const outcome = await send(item);
    if (outcome.sent) {
      await store.remove(item.key);
      sent += 1;
    } else if (outcome.retry) {
      offline = true;
    } else {
      await store.put({ ...item, refused: outcome.message });
    }
  }
  const left = await store.all();
  return { sent, waiting: left.filter((i) => !i.refused).length, refused: left.filter((i) => i.refused) };
}
