// RugCoach's service worker: keeps the player, its files and the next sessions for
// training offline. Served by rugcoach.pwa.views.service_worker at /sw.js (scope: the
// whole site); the view fills in CONFIG. docs/player.md "Offline and installing" explains
// what it keeps, for how long, and why.
//
// - Pages: network first; the cached copy only when the network fails (or hangs while a
//   copy exists). Only pages the server listed for offline use, and the start pages, are
//   kept.
// - Static files and versioned figures: cache first (their URLs change with their content,
//   and the cache's name changes with every static file: see rugcoach/pwa/version.py).
// - Never: POSTs (the results go to the server, through the player's outbox), the API,
//   the admin.
// - A member's pages never outlive their session: every page the server sends names the
//   member it was made for (an opaque tag in a header); a different tag (logged out,
//   another member) empties the page cache before anything else is kept.
"use strict";

const CONFIG = /*CONFIG*/ null;

const PAGES = `rugcoach-pages-${CONFIG.version}`;
const ASSETS = `rugcoach-assets-${CONFIG.version}`;
// Who the page cache belongs to, and which list filled it: kept in the page cache itself,
// so they go with it.
const OWNER_KEY = "/__rugcoach/owner";
const LIST_KEY = "/__rugcoach/list";
// A hanging network (a gym's Wi-Fi) should not keep the member from a page we have.
const NETWORK_PATIENCE_MS = 4000;
// The plan and the player both ask for a refresh on opening; one fetch serves both.
const REFRESH_PAUSE_MS = 5000;

const refreshes = new Map();
// A kept copy answers for its URL whatever the request's headers: pages say "Vary: Cookie,
// Accept-Language", and an <img> asks with other headers than the worker's own fetch.
const BY_URL = { ignoreVary: true };

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const assets = await caches.open(ASSETS);
      // One by one, so that one missing file (a stale static name) does not fail it all.
      await Promise.all(CONFIG.precache.map((url) => keep(assets, url)));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const old = (await caches.keys()).filter(
        (name) => name.startsWith("rugcoach-") && name !== PAGES && name !== ASSETS,
      );
      // The kept sessions point at the old version's files: fetch them again (we are online,
      // or this version would not have arrived) rather than leave the member without any.
      const lists = new Set();
      for (const name of old.filter((name) => name.startsWith("rugcoach-pages-"))) {
        const list = await (await caches.open(name)).match(LIST_KEY);
        if (list) lists.add(await list.text());
      }
      await Promise.all(old.map((name) => caches.delete(name)));
      await self.clients.claim();
      const again = new Map(
        CONFIG.refresh.filter((entry) => lists.has(entry.list)).map((entry) => [entry.list, entry]),
      );
      await Promise.all([...again.values()].map((entry) => refresh(entry, null)));
    })(),
  );
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "opened" && typeof data.path === "string") {
    const entry = refreshEntryFor(data.path);
    if (entry) event.waitUntil(refresh(entry, event.source));
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  // Results and every other POST always go to the server.
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (CONFIG.networkOnly.some((prefix) => url.pathname.startsWith(prefix))) return;
  if (request.mode === "navigate") {
    event.respondWith(page(event, url));
  } else if (url.pathname.startsWith(CONFIG.staticPrefix)) {
    event.respondWith(cacheFirst(request, true));
  } else if (url.pathname.startsWith(CONFIG.figurePrefix)) {
    // Only the figures of the kept sessions are kept (not every library thumbnail seen).
    // A figure URL with its version never changes; without one it may.
    event.respondWith(url.searchParams.has("v") ? cacheFirst(request, false) : networkFirst(request));
  }
});

// --- pages ---------------------------------------------------------------------------

async function page(event, url) {
  const cached = await pageCopy(url);
  const network = fetch(event.request);
  // Whatever the network answers, also when we already served the copy, updates the cache.
  event.waitUntil(network.then((response) => afterPage(url, response.clone())).catch(() => {}));
  try {
    if (!cached) return await network;
    const response = await Promise.race([network, later(NETWORK_PATIENCE_MS, cached)]);
    // A proxy's "bad gateway" while the app is down is no better than no network.
    return response.status >= 500 ? cached : response;
  } catch (error) {
    return cached || (await offlinePage(url));
  }
}

async function afterPage(url, response) {
  await noteOwner(response);
  if (!keepable(response)) return;
  const pages = await caches.open(PAGES);
  if (CONFIG.startPages.includes(url.pathname) || (await pages.match(url.href, BY_URL))) {
    await pages.put(url.href, response);
  }
  const entry = refreshEntryFor(url.pathname);
  if (entry) await refresh(entry, null);
}

async function pageCopy(url) {
  const pages = await caches.open(PAGES);
  return (await pages.match(url.href, BY_URL)) || null;
}

async function offlinePage(url) {
  const language = url.pathname.startsWith("/en/") ? "en" : "nl";
  const assets = await caches.open(ASSETS);
  const offline = await assets.match(CONFIG.offlinePages[language] || CONFIG.offlinePages.nl, BY_URL);
  return offline || Response.error();
}

// --- files ---------------------------------------------------------------------------

async function cacheFirst(request, store) {
  const assets = await caches.open(ASSETS);
  const cached = await assets.match(request, BY_URL);
  if (cached) return cached;
  const response = await fetch(request);
  if (store && keepable(response)) await assets.put(request, response.clone());
  return response;
}

async function networkFirst(request) {
  const assets = await caches.open(ASSETS);
  try {
    return await fetch(request);
  } catch (error) {
    return (await assets.match(request, { ...BY_URL, ignoreSearch: true })) || Response.error();
  }
}

// --- the offline list ----------------------------------------------------------------

// For a page whose opening refreshes what is kept (plan, player): the list to fetch and
// the start page of the same language ({prefix, list, start}), else null.
function refreshEntryFor(path) {
  return CONFIG.refresh.find((entry) => path.startsWith(entry.prefix)) || null;
}

// Refreshes what is kept; a refresh asked for again within a few seconds (the page's own
// message after its navigation) waits for the one under way instead of fetching twice.
function refresh(entry, client) {
  let current = refreshes.get(entry.list);
  if (!current || Date.now() - current.at >= REFRESH_PAUSE_MS) {
    current = { at: Date.now(), done: keepListed(entry) };
    refreshes.set(entry.list, current);
  }
  return current.done.then((pages) => {
    if (pages !== null) return tell(client, { type: "offline-ready", pages });
  });
}

// Keeps the pages, figures and files the list names, and the start page (the installed
// app opens there); the number of session pages, or null.
async function keepListed(entry) {
  const listUrl = entry.list;
  try {
    const response = await fetch(listUrl, { credentials: "same-origin", cache: "no-store" });
    await noteOwner(response);
    if (!response.ok) return null; // a visitor, or no plan: nothing to keep
    const list = await response.json();
    const pages = await caches.open(PAGES);
    const assets = await caches.open(ASSETS);
    const listed = strings(list.pages).map((url) => new URL(url, self.location.origin).href);
    const start = new URL(entry.start, self.location.origin).href;
    await Promise.all([...listed, start].map((url) => keep(pages, url, true)));
    const figures = strings(list.figures).map((url) => new URL(url, self.location.origin).href);
    const files = [...figures, ...strings(list.static)];
    await Promise.all(files.map((url) => keepOnce(assets, url)));
    // Figures of sessions that are no longer kept go too.
    for (const request of await assets.keys()) {
      const path = new URL(request.url).pathname;
      if (path.startsWith(CONFIG.figurePrefix) && !figures.includes(request.url)) {
        await assets.delete(request);
      }
    }
    await pages.put(LIST_KEY, new Response(listUrl));
    // A session that is no longer today's or next is no longer kept.
    for (const request of await pages.keys()) {
      const path = new URL(request.url).pathname;
      if (refreshEntryFor(path)?.list === listUrl && !CONFIG.startPages.includes(path)) {
        if (!listed.includes(request.url)) await pages.delete(request);
      }
    }
    return listed.length;
  } catch (error) {
    refreshes.delete(listUrl); // offline or refused: try again at the next opening
    return null;
  }
}

async function keep(cache, url, isPage = false) {
  try {
    const response = await fetch(url, { credentials: "same-origin" });
    if (isPage) await noteOwner(response);
    if (keepable(response)) await cache.put(url, response);
    // The server no longer serves this page as it was (a redirect to a check-in or to a
    // lighter list, a refusal): the old copy must not answer for it offline.
    else if (isPage) await cache.delete(url, BY_URL);
  } catch (error) {
    // Offline while fetching: the old copy, if any, stays.
  }
}

async function keepOnce(cache, url) {
  if (!(await cache.match(url, BY_URL))) await keep(cache, url);
}

// --- whose pages ---------------------------------------------------------------------

async function noteOwner(response) {
  const owner = response.headers.get(CONFIG.memberHeader);
  if (owner === null) return; // an opaque redirect or a file: says nothing about who
  const pages = await caches.open(PAGES);
  const stored = await pages.match(OWNER_KEY);
  if (stored && (await stored.text()) === owner) return;
  await caches.delete(PAGES);
  const fresh = await caches.open(PAGES);
  await fresh.put(OWNER_KEY, new Response(owner));
}

// --- small helpers -------------------------------------------------------------------

// Only a plain answer is kept: not an error, not the login page a redirect led to.
function keepable(response) {
  return response.ok && response.type === "basic" && !response.redirected;
}

function strings(value) {
  return Array.isArray(value) ? value.filter((item) => typeof item === "string") : [];
}

function later(ms, value) {
  return new Promise((resolve) => setTimeout(() => resolve(value), ms));
}

async function tell(client, message) {
  const targets = client ? [client] : await self.clients.matchAll({ type: "window" });
  for (const target of targets) target.postMessage(message);
}
