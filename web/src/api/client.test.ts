import { describe, expect, it, vi } from 'vitest';
import { ApiClient, ApiError, createApi, errorFromResponse } from './index';

type Call = { url: string; init: RequestInit };

function fakeFetch(responses: (Response | Error)[]) {
  const calls: Call[] = [];
  const fn = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    const next = responses.shift();
    if (!next) throw new Error('no more responses');
    if (next instanceof Error) throw next;
    return next;
  });
  return { fetch: fn as unknown as typeof fetch, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
  });

const headersOf = (c: Call) => (c.init.headers ?? {}) as Record<string, string>;

describe('ApiClient', () => {
  it('sends JSON to /api/v1 with same-origin credentials', async () => {
    const { fetch, calls } = fakeFetch([json(201, { id: 'o1' })]);
    const client = new ApiClient({ fetch });
    const out = await client.post<{ id: string }>('/organisations', { name: 'A' });
    expect(out).toEqual({ id: 'o1' });
    expect(calls[0].url).toBe('/api/v1/organisations');
    expect(calls[0].init.method).toBe('POST');
    expect(calls[0].init.credentials).toBe('same-origin');
    expect(calls[0].init.body).toBe('{"name":"A"}');
    expect(headersOf(calls[0])['Content-Type']).toBe('application/json');
  });

  it('sends the CSRF token on POST, PUT, PATCH and DELETE but not on GET', async () => {
    const { fetch, calls } = fakeFetch([json(200, {}), json(200, {}), json(200, {}), json(200, {}), new Response(null, { status: 204 })]);
    const client = new ApiClient({ fetch });
    client.setCsrfToken('tok-123');
    await client.get('/me');
    await client.post('/x', {});
    await client.put('/x', {});
    await client.patch('/x', {});
    await client.delete('/x');
    expect(headersOf(calls[0])['X-CSRF-Token']).toBeUndefined();
    for (const c of calls.slice(1)) expect(headersOf(c)['X-CSRF-Token']).toBe('tok-123');
  });

  it('sends no CSRF header before there is a session', async () => {
    const { fetch, calls } = fakeFetch([json(200, {})]);
    await new ApiClient({ fetch }).post('/auth/login', { email: 'a@b.org', password: 'x' });
    expect(headersOf(calls[0])['X-CSRF-Token']).toBeUndefined();
  });

  it('keeps the token from login and GET /me, and forgets it on logout', async () => {
    const user = { id: 'u', email: 'a@b.org', name: 'A', platform_role: 'none', created_at: '2026-01-01T00:00:00Z' };
    const { fetch, calls } = fakeFetch([
      json(200, { user, csrf_token: 'from-login' }),
      json(200, { user, csrf_token: 'from-me', organisations: [] }),
      json(201, { id: 'o' }),
      new Response(null, { status: 204 }),
      json(201, { id: 'o2' }),
    ]);
    const api = createApi(new ApiClient({ fetch }));
    await api.login({ email: 'a@b.org', password: 'pw' });
    expect(api.client.getCsrfToken()).toBe('from-login');
    await api.me();
    await api.createOrganisation({ name: 'N', legal_structure: 'L', sector: 'S', size_band: 'small', area: 'A' });
    expect(headersOf(calls[2])['X-CSRF-Token']).toBe('from-me');
    await api.logout();
    expect(api.client.getCsrfToken()).toBeNull();
    await api.client.post('/organisations', {});
    expect(headersOf(calls[4])['X-CSRF-Token']).toBeUndefined();
  });

  it('turns an error body into an ApiError with status, code, message and field', async () => {
    const { fetch } = fakeFetch([json(400, { error: { code: 'invalid_argument', message: 'email must look like an address', field: 'email' } })]);
    const err = await new ApiClient({ fetch }).post('/auth/signup', {}).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 400, code: 'invalid_argument', message: 'Email must look like an address', field: 'email' });
  });

  it('leaves field null when the error names none', async () => {
    const { fetch } = fakeFetch([json(401, { error: { code: 'unauthenticated', message: 'email or password is wrong' } })]);
    const err = (await new ApiClient({ fetch }).post('/auth/login', {}).catch((e) => e)) as ApiError;
    expect(err.field).toBeNull();
    expect(err.code).toBe('unauthenticated');
  });

  it('reads Retry-After on 429', async () => {
    const { fetch } = fakeFetch([json(429, { error: { code: 'rate_limited', message: 'too many attempts' } }, { 'Retry-After': '120' })]);
    const err = (await new ApiClient({ fetch }).post('/auth/login', {}).catch((e) => e)) as ApiError;
    expect(err.retryAfter).toBe(120);
    expect(err.status).toBe(429);
  });

  it('knows unavailable (503) with its Retry-After, with or without a JSON body', async () => {
    const { fetch } = fakeFetch([
      json(503, { error: { code: 'unavailable', message: 'the server is busy with calculations: try again in 12 s' } }, { 'Retry-After': '12' }),
    ]);
    const err = (await new ApiClient({ fetch }).post('/impact-maps/calculate', {}).catch((e) => e)) as ApiError;
    expect(err).toMatchObject({ status: 503, code: 'unavailable', retryAfter: 12 });
    expect(err.message).toBe('The server is busy with calculations: try again in 12 s');
    const bare = await errorFromResponse(new Response('', { status: 503, headers: { 'Retry-After': '5' } }));
    expect(bare).toMatchObject({ status: 503, code: 'unavailable', retryAfter: 5 });
    expect(bare.message).toBe('The server is busy just now. Please try again in a moment.');
  });

  it('copes with an error that is not JSON', async () => {
    const err = await errorFromResponse(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    expect(err).toMatchObject({ status: 502, code: 'internal', field: null });
    expect(err.message).toMatch(/server/i);
    const notFound = await errorFromResponse(new Response('', { status: 404 }));
    expect(notFound.code).toBe('not_found');
    expect(notFound.isNotFound).toBe(true);
  });

  it('reports a network failure as status 0', async () => {
    const { fetch } = fakeFetch([new TypeError('Failed to fetch')]);
    const err = (await new ApiClient({ fetch }).get('/me').catch((e) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(0);
    expect(err.code).toBe('network');
  });

  it('sends a raw body (a CSV file) with its own Content-Type and the CSRF token', async () => {
    const { fetch, calls } = fakeFetch([json(200, { imported: 2, updated: 0, already_present: 0 })]);
    const client = new ApiClient({ fetch });
    client.setCsrfToken('tok');
    const csv = 'respondent_code,q1\r\nA,5\r\nB,7\r\n';
    const out = await client.post<{ imported: number }>('/surveys/s1/responses/import', undefined, {
      raw: { body: csv, contentType: 'text/csv' },
    });
    expect(out.imported).toBe(2);
    expect(calls[0].url).toBe('/api/v1/surveys/s1/responses/import');
    expect(calls[0].init.body).toBe(csv);
    expect(headersOf(calls[0])['Content-Type']).toBe('text/csv');
    expect(headersOf(calls[0])['X-CSRF-Token']).toBe('tok');
  });

  it('works without a session (the public survey page) and sends extra headers', async () => {
    const { fetch, calls } = fakeFetch([json(201, { id: 'r1' })]);
    const client = new ApiClient({ fetch });
    await client.post('/s/abc/responses', { answers: { q1: 3 } }, { headers: { 'Idempotency-Key': 'k1' } });
    expect(headersOf(calls[0])['Idempotency-Key']).toBe('k1');
    expect(headersOf(calls[0])['Content-Type']).toBe('application/json');
    expect(headersOf(calls[0])).not.toHaveProperty('X-CSRF-Token');
    expect(calls[0].init.body).toBe('{"answers":{"q1":3}}');
  });

  it('answers 204 with undefined', async () => {
    const { fetch } = fakeFetch([new Response(null, { status: 204 })]);
    await expect(new ApiClient({ fetch }).delete('/organisations/o/scopes/s')).resolves.toBeUndefined();
  });

  it('tells listeners when a session request gets 401, but not for the auth endpoints', async () => {
    const { fetch } = fakeFetch([
      json(401, { error: { code: 'unauthenticated', message: 'log in' } }),
      json(401, { error: { code: 'unauthenticated', message: 'email or password is wrong' } }),
    ]);
    const client = new ApiClient({ fetch });
    const listener = vi.fn();
    client.onUnauthenticated(listener);
    await client.get('/organisations').catch(() => undefined);
    await client.post('/auth/login', {}).catch(() => undefined);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith('/organisations');
  });

  it('builds list queries and escapes path parts', async () => {
    const { fetch, calls } = fakeFetch([json(200, { items: [], next_cursor: null }), json(200, { items: [] })]);
    const api = createApi(new ApiClient({ fetch }));
    await api.listUsers({ limit: 25, cursor: 'abc/=' });
    expect(calls[0].url).toBe('/api/v1/users?limit=25&cursor=abc%2F%3D');
    await api.getAudit('member', 'org1:user/2');
    expect(calls[1].url).toBe('/api/v1/audit/member/org1%3Auser%2F2?limit=200');
  });

  it('reads a whole list page by page, following next_cursor', async () => {
    const { fetch, calls } = fakeFetch([
      json(200, { items: [1, 2], next_cursor: '2' }),
      json(200, { items: [3], next_cursor: null }),
    ]);
    const client = new ApiClient({ fetch });
    const all = await client.getAll<number>('/organisations/o1/pledges', { query: { q: 'x' } });
    expect(all.items).toEqual([1, 2, 3]);
    expect(calls.map((c) => c.url)).toEqual([
      '/api/v1/organisations/o1/pledges?q=x&limit=200',
      '/api/v1/organisations/o1/pledges?q=x&limit=200&cursor=2',
    ]);
  });
});

describe('ApiError.fields', () => {
  it('keeps every field the server names, and falls back to the one field', async () => {
    const many = await errorFromResponse(
      json(400, {
        error: {
          code: 'invalid_argument',
          message: 'must not be empty',
          field: 'name',
          fields: [
            { field: 'name', message: 'must not be empty' },
            { field: 'area', message: 'too long' },
          ],
        },
      }),
    );
    expect(many.fields).toEqual([
      { field: 'name', message: 'Must not be empty' },
      { field: 'area', message: 'Too long' },
    ]);
    const one = await errorFromResponse(json(400, { error: { code: 'invalid_argument', message: 'bad', field: 'email' } }));
    expect(one.fields).toEqual([{ field: 'email', message: 'Bad' }]);
  });
});
