// The survey link's service worker (docs/api.md "Surveys", the public form).
// Registered by the public survey page with scope /s/, it keeps what that
// page needs — its HTML, its scripts and styles, the survey's questions — so
// that a survey opened once can be opened and answered again without a
// connection. Answers themselves wait in IndexedDB (src/pages/surveys/
// outbox.ts) and are sent by the page; this worker never sees a POST.
const CACHE = 'valuemark-survey-v1';
const SHELL = '/__survey-shell';

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith('valuemark-survey-') && name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

const isAsset = (url) => url.pathname.startsWith('/assets/') || url.pathname === '/favicon.svg';
const isSurvey = (url) => /^\/api\/v1\/s\/[^/]+$/.test(url.pathname);

async function keep(request, response) {
  if (!response.ok) return;
  const cache = await caches.open(CACHE);
  await cache.put(request, response);
}

// The page asks for what it loaded before this worker controlled it.
self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'keep' || !Array.isArray(data.urls)) return;
  event.waitUntil(
    Promise.all(
      data.urls.map(async (href) => {
        try {
          const url = new URL(href, self.location.origin);
          if (url.origin !== self.location.origin) return;
          const response = await fetch(url, { credentials: 'same-origin' });
          if (url.pathname.startsWith('/s/')) await keep(SHELL, response);
          else if (isAsset(url) || isSurvey(url)) await keep(url.href, response);
        } catch {
          // Offline already: what is not kept now is kept on the next visit.
        }
      }),
    ),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // The network first, so a published change is seen; the kept page when offline.
    event.respondWith(
      fetch(request)
        .then((response) => {
          void keep(SHELL, response.clone());
          return response;
        })
        .catch(async () => (await caches.match(SHELL)) ?? Response.error()),
    );
  } else if (isAsset(url)) {
    // Built files never change under their name: the kept copy first.
    event.respondWith(
      caches.match(request).then(
        (kept) =>
          kept ??
          fetch(request).then((response) => {
            void keep(request.url, response.clone());
            return response;
          }),
      ),
    );
  } else if (isSurvey(url)) {
    event.respondWith(
      fetch(request)
        .then((response) => {
          void keep(request.url, response.clone());
          return response;
        })
        .catch(async () => (await caches.match(request.url)) ?? Response.error()),
    );
  }
});
