// A small typed HTTP client for /api/v1 (docs/api.md).
//
// - Requests go to the same origin with credentials 'same-origin', so the
//   HttpOnly session cookie (`__Host-vm_session` over HTTPS, `vm_session` in
//   plain-HTTP development) travels with them.
// - The CSRF token returned by signup, login and GET /me is kept in memory
//   (never in storage) and sent as `X-CSRF-Token` on every state-changing
//   request (POST, PUT, PATCH, DELETE).
// - Every non-2xx answer becomes an ApiError {status, code, message, field}.

import type { ApiErrorBody } from './types';

/**
 * The `code` of an error answer (docs/api.md "Errors"; `quota_exceeded`: the
 * organisation has used up a quota, `unavailable`: the server is busy or a
 * service it needs is down, try again after `retryAfter`), or `network` when
 * the server could not be reached at all (status 0).
 */
export type ErrorCode = ApiErrorBody['error']['code'] | 'network' | (string & {});

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly field: string | null;
  /**
   * Every field at fault with its message. docs/api.md names one `field`;
   * the server also sends `fields` when several are wrong at once.
   */
  readonly fields: { field: string; message: string }[];
  /** Seconds from a `Retry-After` header (429, 503), when the server sent one. */
  readonly retryAfter: number | null;

  constructor(
    status: number,
    code: ErrorCode,
    message: string,
    field: string | null = null,
    retryAfter: number | null = null,
    fields: { field: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.retryAfter = retryAfter;
    this.fields = fields.length > 0 ? fields : field ? [{ field, message }] : [];
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

const FALLBACK_CODES: Record<number, ErrorCode> = {
  400: 'invalid_argument',
  401: 'unauthenticated',
  403: 'permission_denied',
  404: 'not_found',
  409: 'failed_precondition',
  413: 'payload_too_large',
  429: 'rate_limited',
  503: 'unavailable',
};

const FALLBACK_MESSAGES: Record<string, string> = {
  invalid_argument: 'Some of what you entered is not valid.',
  unauthenticated: 'Please log in.',
  permission_denied: 'You do not have permission to do that.',
  not_found: 'Not found.',
  already_exists: 'That already exists.',
  failed_precondition: 'That cannot be done now.',
  payload_too_large: 'That is too large to send.',
  rate_limited: 'Too many attempts. Please wait a little and try again.',
  quota_exceeded: 'This organisation has reached one of its limits.',
  internal: 'Something went wrong on the server. Please try again.',
  unavailable: 'The server is busy just now. Please try again in a moment.',
};

/** Server messages are lower-case phrases; shown alone they start a sentence. */
function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** Turns an HTTP answer that is not 2xx into an ApiError. */
export async function errorFromResponse(res: Response): Promise<ApiError> {
  const retryHeader = res.headers.get('Retry-After');
  const retryAfter = retryHeader !== null && /^\d+$/.test(retryHeader.trim()) ? Number(retryHeader.trim()) : null;
  let body: unknown = null;
  try {
    const text = await res.text();
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  const fallbackCode = FALLBACK_CODES[res.status] ?? (res.status >= 500 ? 'internal' : 'unknown');
  const err = (body as Partial<ApiErrorBody> | null)?.error;
  if (err && typeof err === 'object') {
    const code = typeof err.code === 'string' && err.code ? err.code : fallbackCode;
    const message =
      typeof err.message === 'string' && err.message ? sentence(err.message) : FALLBACK_MESSAGES[code] ?? `Request failed (${res.status}).`;
    const field = typeof err.field === 'string' && err.field ? err.field : null;
    const fields = Array.isArray(err.fields)
      ? (err.fields as unknown[])
          .filter((f): f is { field: string; message: string } => {
            const o = f as { field?: unknown; message?: unknown } | null;
            return typeof o?.field === 'string' && typeof o?.message === 'string';
          })
          .map((f) => ({ field: f.field, message: sentence(f.message) }))
      : [];
    return new ApiError(res.status, code, message, field, retryAfter, fields);
  }
  return new ApiError(
    res.status,
    fallbackCode,
    FALLBACK_MESSAGES[fallbackCode] ?? `Request failed (${res.status} ${res.statusText}).`,
    null,
    retryAfter,
  );
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  query?: Record<string, string | number | null | undefined>;
  signal?: AbortSignal;
  /** A body sent as it is (e.g. a CSV file) instead of as JSON. */
  raw?: { body: string | Blob; contentType: string };
  /** Extra request headers, e.g. `Idempotency-Key` (docs/api.md). */
  headers?: Record<string, string>;
}

export interface ApiClientOptions {
  /** Prefix for every path; '/api/v1' by default. */
  baseUrl?: string;
  /** The fetch to use (tests pass a fake). */
  fetch?: typeof fetch;
}

export class ApiClient {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private csrfToken: string | null = null;
  private unauthenticatedListeners = new Set<(path: string) => void>();

  constructor(options: ApiClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? '/api/v1').replace(/\/$/, '');
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  setCsrfToken(token: string | null): void {
    this.csrfToken = token;
  }

  getCsrfToken(): string | null {
    return this.csrfToken;
  }

  /**
   * Called when a request made with a session is answered 401 (the session
   * has ended); not for the sign-in requests themselves.
   */
  onUnauthenticated(listener: (path: string) => void): () => void {
    this.unauthenticatedListeners.add(listener);
    return () => this.unauthenticatedListeners.delete(listener);
  }

  url(path: string, query?: RequestOptions['query']): string {
    let url = this.baseUrl + (path.startsWith('/') ? path : `/${path}`);
    if (query) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) {
        if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
      }
      const qs = params.toString();
      if (qs) url += `?${qs}`;
    }
    return url;
  }

  async request<T>(method: Method, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json', ...(options.headers ?? {}) };
    // A Blob (an uploaded file) is sent as it is; raw text with its own type; anything else as JSON.
    const blob = typeof Blob !== 'undefined' && body instanceof Blob;
    if (body !== undefined) headers['Content-Type'] = blob ? 'application/octet-stream' : 'application/json';
    if (options.raw) headers['Content-Type'] = options.raw.contentType;
    if (UNSAFE_METHODS.has(method) && this.csrfToken) headers['X-CSRF-Token'] = this.csrfToken;

    let res: Response;
    try {
      res = await this.fetchImpl(this.url(path, options.query), {
        method,
        headers,
        body: options.raw
          ? options.raw.body
          : body === undefined
            ? undefined
            : blob
              ? (body as Blob)
              : JSON.stringify(body),
        credentials: 'same-origin',
        signal: options.signal,
      });
    } catch (e) {
      if ((e as { name?: string })?.name === 'AbortError') throw e;
      throw new ApiError(0, 'network', 'Cannot reach the ValueMark server. Check your connection and try again.');
    }

    if (!res.ok) {
      const error = await errorFromResponse(res);
      if (res.status === 401 && !path.startsWith('/auth/')) {
        for (const listener of this.unauthenticatedListeners) listener(path);
      }
      throw error;
    }
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    if (!text) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError(res.status, 'internal', 'The server sent an answer that is not JSON.');
    }
  }

  get<T>(path: string, options?: RequestOptions): Promise<T> {
    return this.request<T>('GET', path, undefined, options);
  }
  /**
   * Every item of a list, following `next_cursor` page by page (200 a page,
   * docs/api.md "Lists"), for screens that need the whole list (pickers,
   * lookups). At most `maxPages` pages.
   */
  async getAll<T>(path: string, options?: RequestOptions, maxPages = 50): Promise<{ items: T[] }> {
    const items: T[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < maxPages; page += 1) {
      const query: Record<string, string | number | null | undefined> = { ...(options?.query ?? {}), limit: 200 };
      if (cursor) query.cursor = cursor;
      const answer: { items: T[]; next_cursor?: string | null } = await this.get(path, { ...options, query });
      items.push(...answer.items);
      cursor = answer.next_cursor ?? null;
      if (!cursor) break;
    }
    return { items };
  }
  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('POST', path, body, options);
  }
  put<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('PUT', path, body, options);
  }
  patch<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>('PATCH', path, body, options);
  }
  delete<T = void>(path: string, options?: RequestOptions): Promise<T> {
    return this.request<T>('DELETE', path, undefined, options);
  }
}
