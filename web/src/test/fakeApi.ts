import { ApiClient, createApi } from '../api';

export type Handler = (method: string, path: string, body: unknown) => { status: number; body?: unknown } | undefined;

/** An Api whose fetch is answered by `handler` (path without /api/v1). */
export function fakeApi(handler: Handler) {
  const calls: { method: string; path: string; body: unknown; headers: Record<string, string> }[] = [];
  const fetchImpl = (async (url: RequestInfo | URL, init?: RequestInit) => {
    const path = String(url).replace(/^\/api\/v1/, '');
    const method = init?.method ?? 'GET';
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method, path, body, headers: (init?.headers ?? {}) as Record<string, string> });
    const answer = handler(method, path, body) ?? { status: 404, body: { error: { code: 'not_found', message: 'not found' } } };
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'Content-Type': 'application/json' },
    });
  }) as typeof fetch;
  return { api: createApi(new ApiClient({ fetch: fetchImpl })), calls };
}

export const user = {
  id: 'u1',
  email: 'ann@example.org',
  name: 'Ann Lee',
  platform_role: 'none' as const,
  created_at: '2026-01-01T00:00:00Z',
  email_verified: true,
};
