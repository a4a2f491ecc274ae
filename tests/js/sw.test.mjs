// The service worker (rugcoach/pwa/sw.js) in Node: a fake cache storage, a fake network
// and mocked timers, so that every path (hanging network, lost network, another member,
// a past session, a new version) is exercised without a browser and without waiting.
// The browser test (tests/browser/test_offline_browser.py) runs the same file in Chromium.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import test, { mock } from "node:test";
import vm from "node:vm";

const ORIGIN = "https://rugcoach.test";
const SOURCE = readFileSync(new URL("../../rugcoach/pwa/sw.js", import.meta.url), "utf8");
const CONFIG = {
  version: "v1",
  precache: ["/offline/nl/", "/offline/en/", "/static/css/app.css"],
  offlinePages: { nl: "/offline/nl/", en: "/offline/en/" },
  startPages: ["/", "/en/"],
  refresh: [
    { prefix: "/plan/", list: "/training/offline-urls.json", start: "/" },
    { prefix: "/training/", list: "/training/offline-urls.json", start: "/" },
    { prefix: "/en/plan/", list: "/en/training/offline-urls.json", start: "/en/" },
    { prefix: "/en/training/", list: "/en/training/offline-urls.json", start: "/en/" },
  ],
  networkOnly: ["/api/", "/admin/", "/i18n/", "/sw.js"],
  memberHeader: "X-RugCoach-Member",
  staticPrefix: "/static/",
  figurePrefix: "/figures/",
};

class FakeCache {
  constructor() {
    this.entries = new Map();
  }
  static key(request) {
    return new URL(typeof request === "string" ? request : request.url, ORIGIN).href;
  }
  async match(request, options = {}) {
    const key = FakeCache.key(request);
    const strip = (url) => url.split("?")[0];
    for (const [url, response] of this.entries) {
      if (url === key || (options.ignoreSearch && strip(url) === strip(key))) {
        return response.clone();
      }
    }
    return undefined;
  }
  async put(request, response) {
    this.entries.set(FakeCache.key(request), response.clone());
  }
  async delete(request) {
    return this.entries.delete(FakeCache.key(request));
  }
  async keys() {
    return [...this.entries.keys()].map((url) => ({ url }));
  }
}

class FakeCaches {
  constructor() {
    this.named = new Map();
  }
  async open(name) {
    if (!this.named.has(name)) this.named.set(name, new FakeCache());
    return this.named.get(name);
  }
  async keys() {
    return [...this.named.keys()];
  }
  async delete(name) {
    return this.named.delete(name);
  }
  paths(name) {
    const cache = this.named.get(name);
    return cache ? [...cache.entries.keys()].map((url) => url.replace(ORIGIN, "")) : [];
  }
}

// A response as the network gives it: type "basic", optionally redirected.
function answer(body, { status = 200, member = null, redirected = false, json = false } = {}) {
  const headers = { "Content-Type": json ? "application/json" : "text/html" };
  if (member !== null) headers[CONFIG.memberHeader] = member;
  const response = new Response(typeof body === "string" ? body : JSON.stringify(body), {
    status,
    headers,
  });
  return asFromNetwork(response, redirected);
}

// A constructed Response says type "default"; the network's (and their clones) "basic".
function asFromNetwork(response, redirected) {
  const clone = response.clone.bind(response);
  Object.defineProperty(response, "type", { value: "basic" });
  Object.defineProperty(response, "redirected", { value: redirected });
  Object.defineProperty(response, "clone", { value: () => asFromNetwork(clone(), redirected) });
  return response;
}

// The network: a table of path → function giving a response; "down" fails every fetch;
// "hang" never answers.
function network() {
  const routes = new Map();
  const calls = [];
  let mode = "up";
  const fetch = (request) => {
    const url = new URL(typeof request === "string" ? request : request.url, ORIGIN);
    calls.push(url.pathname + url.search);
    if (mode === "down") return Promise.reject(new TypeError("Failed to fetch"));
    if (mode === "hang") return new Promise(() => {});
    const route = routes.get(url.pathname);
    return Promise.resolve(route ? route(url) : answer("not found", { status: 404 }));
  };
  return { routes, calls, fetch, set: (m) => (mode = m) };
}

function worker() {
  const handlers = {};
  const caches = new FakeCaches();
  const net = network();
  const messages = [];
  const clock = { now: 1_000_000 };
  const self = {
    location: new URL(ORIGIN),
    addEventListener: (type, handler) => (handlers[type] = handler),
    skipWaiting: async () => {},
    clients: {
      claim: async () => {},
      matchAll: async () => [{ postMessage: (m) => messages.push(m) }],
    },
  };
  const context = vm.createContext({
    self,
    caches,
    fetch: net.fetch,
    Response,
    URL,
    Map,
    Promise,
    Date: { now: () => clock.now },
    setTimeout: (...args) => setTimeout(...args),
  });
  vm.runInContext(SOURCE.replace("/*CONFIG*/ null", JSON.stringify(CONFIG)), context);

  // Dispatches an event; resolves to what respondWith got (or null) once waitUntil settled.
  async function dispatch(type, fields) {
    const waits = [];
    let responded = null;
    const event = {
      ...fields,
      respondWith: (promise) => (responded = promise),
      waitUntil: (promise) => waits.push(promise),
    };
    handlers[type](event);
    const response = responded ? await responded : null;
    await Promise.all(waits);
    return response;
  }
  const request = (path, mode) => ({ url: ORIGIN + path, method: "GET", mode });
  const get = (path, mode = "navigate") => dispatch("fetch", { request: request(path, mode) });
  // Only the answer, without waiting for the work the worker does after it.
  function respond(path, mode = "navigate") {
    let responded = null;
    handlers.fetch({
      request: request(path, mode),
      respondWith: (promise) => (responded = promise),
      waitUntil: () => {},
    });
    return responded;
  }
  return { caches, net, messages, clock, dispatch, get, respond };
}

const PAGES = "rugcoach-pages-v1";
const ASSETS = "rugcoach-assets-v1";

// A member with a plan: the list names today's and the next session, one figure, one file.
function serveMember(w, member = "sanne", sessions = ["/training/1/", "/training/2/"]) {
  w.net.routes.set("/training/offline-urls.json", () =>
    answer(
      {
        pages: sessions,
        figures: ["/figures/cat-cow/animated.nl.svg?v=1"],
        static: ["/static/training/player.js"],
      },
      { member, json: true },
    ),
  );
  for (const path of ["/", "/plan/", "/training/1/", "/training/2/", "/training/3/"]) {
    w.net.routes.set(path, () => answer(`page ${path} for ${member}`, { member }));
  }
  w.net.routes.set("/figures/cat-cow/animated.nl.svg", () => answer("<svg/>"));
  w.net.routes.set("/static/training/player.js", () => answer("// player"));
  for (const path of CONFIG.precache) w.net.routes.set(path, () => answer(`file ${path}`));
}

test("installing keeps the offline pages and files; activating drops other versions only", async () => {
  const w = worker();
  serveMember(w);
  await (await w.caches.open("rugcoach-pages-v0")).put("/training/1/", answer("old"));
  await w.caches.open("someone-elses-cache");
  await w.dispatch("install", {});
  assert.deepEqual(w.caches.paths(ASSETS).sort(), [...CONFIG.precache].sort());
  await w.dispatch("activate", {});
  assert.deepEqual((await w.caches.keys()).sort(), [ASSETS, "someone-elses-cache"].sort());
});

test("a new version fetches the member's sessions again (the old ones point at old files)", async () => {
  const w = worker();
  serveMember(w);
  const old = await w.caches.open("rugcoach-pages-v0");
  await old.put("/training/1/", answer("old page, old files"));
  await old.put("/__rugcoach/list", new Response("/training/offline-urls.json"));
  await w.dispatch("install", {});
  await w.dispatch("activate", {});
  assert.ok(!(await w.caches.keys()).includes("rugcoach-pages-v0"));
  w.net.set("down");
  assert.equal(await (await w.get("/training/1/")).text(), "page /training/1/ for sanne");
});

test("opening the plan keeps the listed sessions, their figures, the player's files and the start page", async () => {
  const w = worker();
  serveMember(w);
  await w.get("/plan/");
  assert.deepEqual(
    w.caches.paths(PAGES).sort(),
    ["/", "/__rugcoach/list", "/__rugcoach/owner", "/training/1/", "/training/2/"].sort(),
  );
  assert.deepEqual(w.caches.paths(ASSETS).sort(), [
    "/figures/cat-cow/animated.nl.svg?v=1",
    "/static/training/player.js",
  ]);
  // (Through JSON: the message was made in the worker's own realm.)
  assert.deepEqual(JSON.parse(JSON.stringify(w.messages)), [{ type: "offline-ready", pages: 2 }]);
});

test("a plan opened twice in a row fetches the list once", async () => {
  const w = worker();
  serveMember(w);
  await w.get("/plan/");
  await w.dispatch("message", { data: { type: "opened", path: "/plan/" }, source: null });
  assert.equal(w.net.calls.filter((c) => c === "/training/offline-urls.json").length, 1);
});

test("with the server gone, a kept session answers, and an unknown page gets the offline page in its language", async () => {
  const w = worker();
  serveMember(w);
  await w.dispatch("install", {});
  await w.get("/plan/");
  w.net.set("down");
  assert.equal(await (await w.get("/training/1/")).text(), "page /training/1/ for sanne");
  assert.equal(await (await w.get("/oefeningen/")).text(), "file /offline/nl/");
  // Behind a proxy, the app being down looks like a 502: the kept copy answers too.
  w.net.set("up");
  w.net.routes.set("/training/1/", () => answer("Bad Gateway", { status: 502 }));
  assert.equal(await (await w.get("/training/1/")).text(), "page /training/1/ for sanne");
  w.net.set("down");
  assert.equal(await (await w.get("/en/exercises/")).text(), "file /offline/en/");
});

test("a hanging network gives the kept copy after 4 seconds, not before", async () => {
  const w = worker();
  serveMember(w);
  await w.get("/plan/");
  const flush = () => new Promise((resolve) => setImmediate(resolve));
  mock.timers.enable({ apis: ["setTimeout"] });
  try {
    w.net.set("hang");
    let settled = null;
    const answered = w.respond("/training/1/").then((response) => (settled = response));
    await flush();
    mock.timers.tick(3900);
    await flush();
    assert.equal(settled, null, "still giving the network its chance");
    mock.timers.tick(200);
    await answered;
    assert.equal(await settled.text(), "page /training/1/ for sanne");
  } finally {
    mock.timers.reset();
  }
});

test("a page for someone else empties the kept pages before anything is kept", async () => {
  const w = worker();
  serveMember(w);
  await w.get("/plan/");
  assert.ok(w.caches.paths(PAGES).includes("/training/1/"));
  // Logged out: the home page comes as a visitor's.
  w.net.routes.set("/", () => answer("home", { member: "visitor" }));
  await w.get("/");
  assert.deepEqual(w.caches.paths(PAGES).sort(), ["/", "/__rugcoach/owner"]);
  w.net.set("down");
  assert.equal((await w.get("/training/1/")).type, "error", "no copy of Sanne's session");
});

test("a session the list no longer names leaves the cache; the start page stays", async () => {
  const w = worker();
  serveMember(w);
  await w.get("/");
  await w.get("/plan/");
  // The next day: the list names other sessions.
  serveMember(w, "sanne", ["/training/2/", "/training/3/"]);
  w.clock.now += 10_000;
  await w.get("/plan/");
  assert.deepEqual(
    w.caches.paths(PAGES).sort(),
    ["/", "/__rugcoach/list", "/__rugcoach/owner", "/training/2/", "/training/3/"].sort(),
  );
  // The next day's sessions have other figures: the old one goes.
  w.net.routes.set("/training/offline-urls.json", () =>
    answer({ pages: ["/training/3/"], figures: [], static: [] }, { member: "sanne", json: true }),
  );
  w.clock.now += 10_000;
  await w.get("/plan/");
  assert.ok(!w.caches.paths(ASSETS).some((path) => path.startsWith("/figures/")));
});

test("a visitor's plan page keeps nothing, and a redirect to the login is never kept", async () => {
  const w = worker();
  w.net.routes.set("/training/offline-urls.json", () =>
    answer({ detail: "Log in first." }, { status: 401, member: "visitor", json: true }),
  );
  w.net.routes.set("/plan/", () => answer("login", { member: "visitor", redirected: true }));
  await w.get("/plan/");
  assert.deepEqual(w.caches.paths(PAGES), ["/__rugcoach/owner"]);
  assert.deepEqual(w.caches.paths(ASSETS), []);
  assert.deepEqual(w.messages, []);
});

test("posts, the API and other sites go straight to the network", async () => {
  const w = worker();
  for (const request of [
    { url: `${ORIGIN}/api/sessions`, method: "POST", mode: "cors" },
    { url: `${ORIGIN}/api/sessions`, method: "GET", mode: "cors" },
    { url: `${ORIGIN}/account/uitloggen/`, method: "POST", mode: "navigate" },
    { url: "https://elsewhere.test/x.js", method: "GET", mode: "no-cors" },
  ]) {
    assert.equal(await w.dispatch("fetch", { request }), null, request.url);
  }
});

test("versioned files come from the cache first; a figure without a version from the network", async () => {
  const w = worker();
  serveMember(w);
  await w.get("/plan/");
  w.net.set("down");
  const figure = await w.get("/figures/cat-cow/animated.nl.svg?v=1", "no-cors");
  assert.equal(await figure.text(), "<svg/>");
  const unversioned = await w.get("/figures/cat-cow/animated.nl.svg", "no-cors");
  assert.equal(await unversioned.text(), "<svg/>", "the kept copy when the network fails");
  // A figure seen in the library is shown, not kept; the list's next refresh drops the
  // figures of sessions no longer kept.
  w.net.set("up");
  w.net.routes.set("/figures/bird-dog/thumbnail.nl.svg", () => answer("<svg id=bird/>"));
  await w.get("/figures/bird-dog/thumbnail.nl.svg?v=2", "no-cors");
  assert.ok(!w.caches.paths(ASSETS).some((path) => path.includes("bird-dog")));
  w.net.set("down");
  const before = w.net.calls.length;
  w.net.set("up");
  await w.get("/static/training/player.js", "script");
  assert.equal(w.net.calls.length, before, "a kept file costs no request");
});
