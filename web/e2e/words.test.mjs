// Words for people: no page shows a raw enum value (senior_leader,
// in_review), a criterion code (svmc.1.do.1), a JSON path ($.outcomes[0].value)
// or an internal id, in its text or in any accessible name. A visitor and each
// demo role (the organisation's Lead, Senior Leader and Member, the assessor,
// the administrator) follow every link of the app they can reach from their
// start pages; every page is read as a person sees and hears it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setup } from './helpers.mjs';

const PASSWORD = 'valuemark-demo';

// What a person should never read.
const RAW = [
  ['an enum value in snake_case', /\b[a-z][a-z0-9]*_[a-z0-9_]+\b/],
  ['a criterion or scheme code', /\b(?:svmc|svqms?)[._-]\w+/i],
  ['a JSON path', /\$\.\w|\$\[|\b[a-z_]+\[\d+\]\.?/i],
  ['a dotted code', /\b[a-z]+(?:\.[a-z_]+)+\.\d+\b|\b[a-z]+_?[a-z]*\.(?:create|created|update|updated|delete|deleted|set_\w+|add|added|remove|removed)\b/],
  ['a UUID', /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i],
  ['a long hexadecimal id', /\b[0-9a-f]{16,}\b/i],
  ['a programmer’s value', /\b(?:undefined|null|NaN|true|false)\b|\[object Object\]/],
];

// Genuine words that look like raw values, each for a reason. Nothing else.
const ALLOWED = [
  // Email addresses: people's own (typed by them, shown to their organisation
  // and to staff) and where to write to; an address may hold an underscore.
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g,
  // Web addresses, written out to be opened or shared: a survey's link for
  // respondents, the links in notifications. An address holds ids.
  /\bhttps?:\/\/\S+/g,
  // The history's SHA-256 hashes (64 hexadecimal digits): a fingerprint of
  // each entry, shown short, whole in its tooltip, so that it can be compared
  // with an exported copy. No id is that long (ids are 20 digits).
  /\b[0-9a-f]{64}\b/g,
];

function findRaw(text) {
  let clean = text;
  for (const allowed of ALLOWED) clean = clean.replace(allowed, ' ');
  const found = [];
  for (const [what, re] of RAW) {
    const m = re.exec(clean);
    if (m) {
      const at = Math.max(0, m.index - 40);
      found.push(`${what}: “${m[0]}” in “…${clean.slice(at, m.index + m[0].length + 40).replace(/\s+/g, ' ')}…”`);
    }
  }
  return found;
}

/** What a person reads and hears on the page: its text, title and every accessible name. */
async function wordsOf(page) {
  return page.evaluate(() => {
    // Closed disclosures hold words too.
    for (const d of document.querySelectorAll('details')) d.open = true;
    const parts = [`page title: ${document.title}`, document.body.innerText];
    for (const el of document.querySelectorAll('[aria-label], [title], [alt], [placeholder], [aria-description], [aria-valuetext]')) {
      for (const attr of ['aria-label', 'title', 'alt', 'placeholder', 'aria-description', 'aria-valuetext']) {
        const v = el.getAttribute(attr);
        if (v) parts.push(`${attr} of <${el.tagName.toLowerCase()}>: ${v}`);
      }
    }
    for (const el of document.querySelectorAll('[aria-labelledby], [aria-describedby]')) {
      for (const attr of ['aria-labelledby', 'aria-describedby']) {
        for (const id of (el.getAttribute(attr) ?? '').split(/\s+/).filter(Boolean)) {
          const ref = document.getElementById(id);
          if (ref) parts.push(`${attr} of <${el.tagName.toLowerCase()}>: ${ref.textContent}`);
        }
      }
    }
    // Every choice of every list box, not only the chosen one.
    for (const o of document.querySelectorAll('option, optgroup')) parts.push(`option: ${o.label || o.textContent}`);
    for (const b of document.querySelectorAll('input[type=submit], input[type=button]')) parts.push(`button: ${b.value}`);
    // The names of buttons, links and labels as screen readers say them, with
    // their text for screen readers only (innerText leaves out clipped text).
    for (const el of document.querySelectorAll('button, a, label, legend, caption, th, [role=button], [role=tab], .visually-hidden')) {
      parts.push(`name of <${el.tagName.toLowerCase()}>: ${el.textContent.replace(/\s+/g, ' ').trim()}`);
    }
    return parts.join('\n');
  });
}

/** A page's shape: its path with ids as ":id", and the names of its query. */
function shape(url) {
  const u = new URL(url);
  const path = u.pathname
    .split('/')
    // Ids, tokens and verification codes have digits or capitals; the app's own words have neither.
    .map((s) => (/[\dA-Z]/.test(s) && s.length >= 8 ? ':id' : s))
    .join('/');
  const keys = [...u.searchParams.keys()].sort().join('&');
  return keys ? `${path}?${keys}` : path;
}

/** Counts the page's requests in flight, so that `settle` knows when it has all its data. */
function watchRequests(page) {
  const state = { inFlight: 0, last: Date.now() };
  page.on('request', () => {
    state.inFlight += 1;
  });
  const done = () => {
    state.inFlight -= 1;
    state.last = Date.now();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return state;
}

/** The page has its heading, nothing is loading, and no request has been in flight for a moment. */
async function settle(page, requests) {
  // The router has rendered the page and started its loads (a page shows
  // "Loading…" from its first render until its data is in).
  await page.evaluate(() => new Promise((resolve) => window.requestAnimationFrame(() => window.requestAnimationFrame(resolve))));
  await page.locator('h1').first().waitFor();
  await page.waitForFunction(() => !document.querySelector('.loading, .spinner'), null, { timeout: 15_000 });
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && (requests.inFlight > 0 || Date.now() - requests.last < 150)) await new Promise((r) => setTimeout(r, 25));
  await page.waitForFunction(() => !document.querySelector('.loading, .spinner'), null, { timeout: 15_000 });
}

// How many pages of one shape are read: one, but every application (each
// state shows different parts) and two impact maps.
const PER_SHAPE = { '/applications/:id': 10, '/organisations/:id/impact-maps/:id': 2 };

/**
 * Visits `starts` and every page of the app linked from them, breadth first,
 * a few pages of one shape (PER_SHAPE) and none of `skip`; returns the
 * findings and the shapes of the pages read.
 */
async function crawl(page, starts, { skip = /^$/ } = {}) {
  const requests = watchRequests(page);
  const queue = [...starts];
  const queued = new Set(queue);
  const perShapeCount = new Map();
  const shapes = new Set();
  const findings = [];
  const heard = [];
  let loaded = false;
  while (queue.length) {
    const next = queue.shift();
    if (loaded) {
      // As a link does: the app's router moves to the page (a full load each time is slow).
      requests.last = Date.now();
      await page.evaluate((path) => {
        window.history.pushState({}, '', path);
        window.dispatchEvent(new window.PopStateEvent('popstate'));
      }, next);
    } else {
      await page.goto(next);
      loaded = true;
    }
    const here = new URL(page.url());
    const where = here.pathname + here.search;
    try {
      await settle(page, requests);
    } catch (e) {
      findings.push(`${where}: did not settle: ${e.message.split('\n')[0]}`);
      continue;
    }
    shapes.add(shape(page.url()));
    const words = await wordsOf(page);
    heard.push(words);
    for (const f of findRaw(words)) findings.push(`${where}: ${f}`);
    const hrefs = await page.locator('a[href]:not([download])').evaluateAll((as) => as.map((a) => a.href));
    for (const href of hrefs) {
      const u = new URL(href);
      const k = u.pathname + u.search;
      if (u.origin !== here.origin || u.pathname.startsWith('/api/') || skip.test(k) || queued.has(k)) continue;
      const s = shape(href);
      const n = perShapeCount.get(s) ?? 0;
      if (n >= (PER_SHAPE[s] ?? 1)) continue;
      perShapeCount.set(s, n + 1);
      queued.add(k);
      queue.push(k);
    }
  }
  return { findings, shapes, heard };
}

let env;
/** A browser page signed in as a demo person, and the API as them. */
async function signedIn(email) {
  const context = await env.browser.newContext({ baseURL: env.base, viewport: { width: 1280, height: 900 } });
  // At most four logins run at once (password hashing is heavy work): the rest wait their turn.
  let login = await context.request.post('/api/v1/auth/login', { data: { email, password: PASSWORD } });
  for (let tries = 0; login.status() === 429 && tries < 20; tries += 1) {
    await new Promise((r) => setTimeout(r, 250));
    login = await context.request.post('/api/v1/auth/login', { data: { email, password: PASSWORD } });
  }
  assert.ok(login.ok(), `${email} could not log in: ${await login.text()}`);
  const me = await (await context.request.get('/api/v1/me')).json();
  const call = async (method, path, data) => {
    const r = await context.request.fetch(`/api/v1${path}`, { method, data, headers: { 'X-CSRF-Token': me.csrf_token } });
    assert.ok(r.ok(), `${method} ${path} as ${email}: ${r.status()} ${await r.text()}`);
    return r.status() === 204 ? null : r.json();
  };
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { me, call, page };
}

// Each demo role, with the kinds of page it must have read.
const ORGANISATION = ['/organisations/:id', '/organisations/:id/certification', '/applications/:id', '/organisations/:id/history', '/organisations/:id/impact-maps'];
const ROLES = [
  [
    'the Lead',
    'lead@riverside.example',
    [...ORGANISATION, '/organisations/:id/surveys', '/surveys/:id', '/partnerships', '/needs/:id', '/partnerships/:id', '/organisations/:id/benchmarks', '/organisations/:id/consultant', '/engagements/:id'],
  ],
  ['the Senior Leader', 'chair@riverside.example', ORGANISATION],
  ['the Member', 'worker@riverside.example', [...ORGANISATION, '/organisations/:id/benchmarks']],
  ['the assessor', 'assessor@valuemark.example', ['/staff/applications', '/applications/:id', '/consultant/engagements', '/engagements/:id']],
  ['the administrator', 'admin@valuemark.example', ['/staff/applications', '/staff/rounds', '/staff/users', '/staff/organisations', '/applications/:id', '/admin/preparation-calls', '/admin/support', '/organisations/:id/consultant']],
  [
    'the broker',
    'broker@valuemark.example',
    ['/broker/directory', '/broker/directory/new', '/broker/directory/import', '/broker/directory/:id', '/directory', '/directory/:id', '/broker/needs', '/broker/needs/:id', '/partnerships/:id'],
  ],
];
const people = {};

before(async () => {
  env = await setup({ demo: true });
  await Promise.all(
    ROLES.map(async ([who, email]) => {
      people[who] = await signedIn(email);
    }),
  );
  // Beyond the demo data, so that every kind of application page is read:
  // Riverside's SVMC level 1 goes to the assessor (verdict forms, pre-audit),
  // and a new SVQM Forecast draft takes its place as the draft (evidence forms).
  const lead = people['the Lead'];
  const admin = people['the administrator'];
  const orgId = lead.me.organisations[0].id;
  const svmc = (await lead.call('GET', `/organisations/${orgId}/applications`)).items.find((a) => a.scheme_id === 'svmc' && a.state === 'draft');
  for (const criterion of svmc.missing_evidence) {
    await lead.call('POST', `/applications/${svmc.id}/evidence`, { criterion_id: criterion, kind: 'link', title: 'Social value action plan, section 3', url: 'https://riverside.example/docs/plan' });
  }
  await lead.call('POST', `/applications/${svmc.id}/sign-off`, { password: PASSWORD });
  await people['the Senior Leader'].call('POST', `/applications/${svmc.id}/sign-off`, { password: PASSWORD });
  await lead.call('POST', `/applications/${svmc.id}/submit`);
  const assessor = (await admin.call('GET', '/users?limit=200')).items.find((u) => u.email === 'assessor@valuemark.example');
  await admin.call('POST', `/applications/${svmc.id}/assessor`, { assessor_id: assessor.id });
  await lead.call('POST', `/organisations/${orgId}/applications`, { scheme_id: 'svqm', level: 2 });
  // Brokerage: the broker proposes Harbour Café for the demo's need, so that
  // the match is read by the broker and by the need's Lead.
  const broker = people['the broker'];
  const need = (await broker.call('GET', '/broker/needs')).items[0];
  const harbour = (await broker.call('GET', `/broker/needs/${need.id}/candidates`)).items.find((c) => c.name === 'Harbour Café');
  const match = await broker.call('POST', `/broker/needs/${need.id}/shortlist`, { entry_id: harbour.entry_id });
  await broker.call('POST', `/matches/${match.id}/stage`, { stage: 'proposed', note: 'Harbour Café trains cooks.', version: match.version });
  // Benchmarks: Riverside contributes, so that its figures and the groups withheld are read.
  await lead.call('PUT', `/organisations/${orgId}/benchmarks`, { region: 'south_west' });
  // Preparation calls: two times offered, one booked by the Lead, so that the
  // calendar and the organisation's panel are read with a booking and an open time.
  const inDays = (n) => new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + n * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const call = await admin.call('POST', '/preparation-calls', { starts_at: inDays(2), minutes: 30, scheme_id: 'svmc' });
  await admin.call('POST', '/preparation-calls', { starts_at: inDays(3), minutes: 45, scheme_id: 'svmc' });
  await lead.call('POST', `/organisations/${orgId}/preparation-calls/${call.id}/book`);
});
after(async () => {
  await env?.close();
});

// Pages only a visitor has: signed in, they lead elsewhere.
const VISITOR_ONLY = /^\/(login|signup|forgot-password|reset-password|verify-email)(\?|$)/;
// Pages the same for everyone signed in, read by the Lead (the schemes by the
// visitor too): a survey as respondents see it, earlier versions, new records.
const SAME_FOR_ALL = /^\/(login|signup|forgot-password|reset-password|verify-email|schemes|lm3|organisations\/new|s\/)|\/preview$|[?&](version|template|calculation)=/;

test('no page shows a raw value, to a visitor or to any demo role', async () => {
  const started = Date.now();
  const visitor = await env.newPage();
  const runs = [
    crawl(visitor, ['/', '/register', '/verify', '/login', '/signup', '/forgot-password', '/reset-password', '/verify-email']).then((r) => ['a visitor', r]),
    ...ROLES.map(([who]) =>
      who === 'the Lead'
        ? crawl(people[who].page, ['/', '/account', '/notifications', '/register', '/verify', '/lm3'], { skip: VISITOR_ONLY }).then((r) => [who, r])
        : crawl(people[who].page, ['/', '/account', '/notifications', '/register', '/verify'], { skip: SAME_FOR_ALL }).then((r) => [who, r]),
    ),
  ];
  const report = [];
  const seen = new Set();
  const results = new Map(await Promise.all(runs));
  for (const [who, { findings, shapes }] of results) {
    console.log(`${who}: ${shapes.size} kinds of page`);
    for (const kind of ROLES.find(([w]) => w === who)?.[2] ?? []) assert.ok(shapes.has(kind), `${who} read no ${kind} page: ${[...shapes].sort().join(' ')}`);
    for (const s of shapes) seen.add(s);
    for (const f of findings) report.push(`${who}, ${f}`);
  }
  console.log(`took ${Date.now() - started} ms`);
  // Every kind of page was read by someone.
  for (const kind of [
    '/',
    '/organisations/:id',
    '/organisations/:id/impact-maps',
    '/organisations/:id/impact-maps/:id',
    '/organisations/:id/surveys',
    '/surveys/:id',
    '/s/:id',
    '/organisations/:id/certification',
    '/applications/:id',
    '/organisations/:id/history',
    '/organisations/:id/pledges',
    '/organisations/:id/self-assessment',
    '/organisations/:id/scopes/:id/plan',
    '/organisations/:id/lm3',
    '/organisations/:id/benchmarks',
    '/organisations/:id/consultant',
    '/engagements/:id',
    '/consultant/engagements',
    '/staff/applications',
    '/staff/rounds',
    '/admin/preparation-calls',
    '/admin/support',
    '/support',
    '/support?criterion',
    '/staff/users',
    '/staff/organisations',
    '/notifications',
    '/account',
    '/verify',
    '/verify/:id',
    '/register',
    '/partnerships',
    '/needs/:id',
    '/partnerships/:id',
    '/broker/needs',
    '/broker/needs/:id',
  ]) {
    assert.ok(seen.has(kind), `no ${kind} page was read: ${[...seen].sort().join(' ')}`);
  }
  assert.deepEqual(report, []);
  // Where the codes were, the criteria are named in words: the Lead's evidence
  // forms on the SVQM Forecast draft, the assessor's verdicts on SVMC level 1.
  const heardBy = (who, words) => results.get(who).heard.some((text) => text.includes(words));
  assert.ok(heardBy('the Lead', 'Add evidence for Stakeholders, criterion 1'), 'the Lead’s evidence forms are named by criterion');
  assert.ok(heardBy('the assessor', 'Verdict on Do, criterion 1'), 'the assessor’s verdicts are named by criterion');
  assert.ok(heardBy('the assessor', 'Save verdict on Revise, criterion 1'), 'the assessor’s buttons are named by criterion');
});
