// The outbox with an in-memory store and a fake server.
import assert from "node:assert/strict";
import test from "node:test";
import { SESSIONS_URL, createOutbox, csrfHeader } from "../../rugcoach/static/training/outbox.js";
import { memoryStore } from "../../rugcoach/static/training/store.js";

function server() {
  const stored = new Map();
  const calls = [];
  let mode = "up";
  const fetch = async (url, init) => {
    calls.push({ url, init });
    if (mode === "down") throw new TypeError("Failed to fetch");
    if (mode === "error") return { status: 502, text: async () => "" };
    if (mode === "refuse") return { status: 422, text: async () => '{"detail": []}' };
    const body = JSON.parse(init.body);
    const seen = stored.has(body.client_key);
    if (!seen) stored.set(body.client_key, body);
    // The answer is lost on the way back, once, when asked to.
    if (mode === "lose-answer") {
      mode = "up";
      throw new TypeError("Failed to fetch");
    }
    return { status: seen ? 200 : 201, text: async () => "" };
  };
  return { stored, calls, fetch, set: (m) => (mode = m) };
}

const session = (key) => ({ client_key: key, completed: true, results: [] });

test("sent once the server answers; kept while it is down", async () => {
  const s = server();
  const outbox = createOutbox({ store: memoryStore(), fetch: s.fetch, url: "/api/sessions" });
  await outbox.add(session("a"));
  s.set("down");
  assert.deepEqual(await outbox.flush(), { sent: 0, waiting: 1, refused: 0 });
  assert.ok(await outbox.has("a"), "nothing lost");
  s.set("error");
  await outbox.flush();
  assert.ok(await outbox.has("a"));
  s.set("up");
  assert.deepEqual(await outbox.flush(), { sent: 1, waiting: 0, refused: 0 });
  assert.ok(!(await outbox.has("a")));
  assert.equal(s.stored.size, 1);
});

test("a lost answer means a second send with the same key: the server keeps one", async () => {
  const s = server();
  const outbox = createOutbox({ store: memoryStore(), fetch: s.fetch, url: "/api/sessions" });
  await outbox.add(session("b"));
  s.set("lose-answer");
  await outbox.flush();
  assert.ok(await outbox.has("b"), "no answer: still in the outbox");
  await outbox.flush();
  assert.equal(s.stored.size, 1);
  assert.equal(s.calls.length, 2);
  for (const call of s.calls) assert.equal(call.init.headers["Idempotency-Key"], "b");
});

test("two flushes at once (open + online) send once", async () => {
  const s = server();
  const outbox = createOutbox({ store: memoryStore(), fetch: s.fetch, url: "/api/sessions", headers: () => ({ "X-CSRFToken": "t" }) });
  await outbox.add(session("c"));
  await Promise.all([outbox.flush(), outbox.flush()]);
  assert.equal(s.calls.length, 1);
  assert.equal(s.calls[0].init.headers["X-CSRFToken"], "t");
});

test("a refused body is kept, marked, and not sent again and again", async () => {
  const s = server();
  const outbox = createOutbox({ store: memoryStore(), fetch: s.fetch, url: "/api/sessions" });
  await outbox.add(session("d"));
  s.set("refuse");
  assert.deepEqual(await outbox.flush(), { sent: 0, waiting: 0, refused: 1 });
  await outbox.flush();
  assert.equal(s.calls.length, 1);
  const [entry] = await outbox.entries();
  assert.equal(entry.refused.status, 422);
});

test("the CSRF token comes from Django's cookie", () => {
  assert.deepEqual(csrfHeader("a=1; csrftoken=abc%3D; b=2"), { "X-CSRFToken": "abc=" });
  assert.deepEqual(csrfHeader(""), {});
});

test("a session goes only under the member who trained it (a shared phone)", async () => {
  const s = server();
  const store = memoryStore();
  const anne = createOutbox({ store, fetch: s.fetch, url: "/api/sessions", member: "tag-anne" });
  await anne.add(session("anne-1"));
  // Anne logs out offline; Bert logs in on the same phone: his pages must not send hers.
  const bert = createOutbox({ store, fetch: s.fetch, url: "/api/sessions", member: "tag-bert" });
  assert.deepEqual(await bert.flush(), { sent: 0, waiting: 1, refused: 0 });
  assert.equal(s.calls.length, 0, "nothing sent under Bert's login");
  assert.ok(await bert.has("anne-1"), "kept for Anne");
  const anneAgain = createOutbox({ store, fetch: s.fetch, url: "/api/sessions", member: "tag-anne" });
  assert.deepEqual(await anneAgain.flush(), { sent: 1, waiting: 0, refused: 0 });
  assert.ok(s.stored.has("anne-1"));
});

test("an entry goes to the endpoint it was made for, whichever page sends it", async () => {
  const s = server();
  const store = memoryStore();
  const program = createOutbox({ store, fetch: s.fetch, url: "/api/programs/challenge-30-days/sessions" });
  await program.add(session("day-1"));
  s.set("down");
  await program.flush();
  s.set("up");
  // The plan's player (or the check-in page) opens next and flushes the shared outbox.
  const plan = createOutbox({ store, fetch: s.fetch, url: "/api/sessions" });
  assert.deepEqual(await plan.flush(), { sent: 1, waiting: 0, refused: 0 });
  assert.equal(s.calls.at(-1).url, "/api/programs/challenge-30-days/sessions");
});

test("an entry queued before entries kept their endpoint goes to the sessions API", async () => {
  const s = server();
  const store = memoryStore();
  // As the old outbox stored a plan session: no `url`.
  await store.set("outbox:old-1", { body: session("old-1"), member: null, tries: 0, refused: null });
  const program = createOutbox({ store, fetch: s.fetch, url: "/api/programs/challenge-30-days/sessions" });
  assert.deepEqual(await program.flush(), { sent: 1, waiting: 0, refused: 0 });
  assert.equal(s.calls[0].url, SESSIONS_URL);
  assert.equal(SESSIONS_URL, "/api/sessions");
});

test("a 409 (stored, not counted as a program day) leaves the outbox and is not sent again", async () => {
  const calls = [];
  const fetch = async (url, init) => {
    calls.push(JSON.parse(init.body).client_key);
    return { status: 409, text: async () => '{"detail": [{"field": "session_key"}]}' };
  };
  const outbox = createOutbox({ store: memoryStore(), fetch, url: "/api/programs/x/sessions" });
  await outbox.add(session("kept-on-server"));
  assert.deepEqual(await outbox.flush(), { sent: 1, waiting: 0, refused: 0 });
  assert.ok(!(await outbox.has("kept-on-server")), "stored on the server: nothing to send again");
  await outbox.flush();
  assert.equal(calls.length, 1);
  // The player says it was stored but not counted, never "saved, well done".
  assert.equal(outbox.counted("kept-on-server"), false);
});

test("a session the server counted (201) is counted", async () => {
  const fetch = async () => ({ status: 201, text: async () => "{}" });
  const outbox = createOutbox({ store: memoryStore(), fetch, url: "/api/programs/x/sessions" });
  await outbox.add(session("a-day"));
  await outbox.flush();
  assert.equal(outbox.counted("a-day"), true);
});
