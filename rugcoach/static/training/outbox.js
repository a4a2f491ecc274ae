// The outbox: every finished (or stopped) session waits here, in IndexedDB, until the
// server said it has it. It is sent when the player opens, right after finishing, and on
// the `online` event: no Background Sync, which Safari does not have. Each entry carries
// the key the phone made when the session started; the server stores a key once, so
// sending again after a lost answer never makes a duplicate.
export const PREFIX = "outbox:";
// Where an entry goes that does not say: entries made before entries kept their endpoint
// were all plan sessions, so they go to the sessions API, whatever page flushes them.
export const SESSIONS_URL = "/api/sessions";

// Answers that will never turn into a 2xx by sending the same body again.
const REFUSED = new Set([400, 404, 413, 422]);
// 409: the server stored the session but does not count it as a program day (judged by
// the member's state when it started; POST /api/programs/{slug}/sessions). Sending it
// again changes nothing, and nothing is lost: it leaves the outbox like a 2xx.
const STORED = new Set([200, 201, 409]);

// `member`: the opaque tag of whoever is logged in on this page (the page's
// <meta name="rugcoach-member">). An entry is sent only under the member who made it: on a
// shared phone, another member's login never carries it (it would be refused and lost).
export function createOutbox({ store, fetch, url, headers = () => ({}), member = null }) {
  let flushing = null;
  // Sessions the server stored but did not count (409), by client key, in this page's
  // life: the player says so instead of "saved" (the entry itself has left the outbox).
  const notCounted = new Set();

  // Each entry keeps the endpoint it was made for: a page that flushes the outbox may
  // be another session's (a plan's player sends a program day's entry to its own URL).
  async function add(body) {
    await store.set(PREFIX + body.client_key, { body, url, member, tries: 0, refused: null });
  }

  async function entries() {
    const keys = (await store.keys()).filter((k) => String(k).startsWith(PREFIX));
    const found = [];
    for (const key of keys) {
      const entry = await store.get(key);
      if (entry) found.push({ key, ...entry });
    }
    return found;
  }

  async function has(clientKey) {
    return (await store.get(PREFIX + clientKey)) !== undefined;
  }

  async function sendAll() {
    const summary = { sent: 0, waiting: 0, refused: 0 };
    for (const { key, ...entry } of await entries()) {
      if (entry.refused) {
        summary.refused += 1;
        continue;
      }
      if (entry.member && entry.member !== member) {
        // Someone else's session: it waits for its own member to log in on this phone.
        summary.waiting += 1;
        continue;
      }
      let response;
      try {
        response = await fetch(entry.url ?? SESSIONS_URL, {
          method: "POST",
          credentials: "same-origin",
          headers: {
            "Content-Type": "application/json",
            "Idempotency-Key": entry.body.client_key,
            ...headers(),
          },
          body: JSON.stringify(entry.body),
        });
      } catch {
        // Offline or the server is gone: keep it, and stop trying the rest for now.
        summary.waiting += 1;
        break;
      }
      if (STORED.has(response.status)) {
        if (response.status === 409) notCounted.add(entry.body.client_key);
        await store.del(key);
        summary.sent += 1;
      } else if (REFUSED.has(response.status)) {
        // Kept, not lost: a later version of the app (or a person) can look at it.
        const detail = await response.text().catch(() => "");
        await store.set(key, { ...entry, tries: entry.tries + 1, refused: { status: response.status, detail } });
        summary.refused += 1;
      } else {
        // 401/403 (logged out), 5xx, a captive portal: try again next time.
        await store.set(key, { ...entry, tries: entry.tries + 1, refused: null });
        summary.waiting += 1;
      }
    }
    return summary;
  }

  // One flush at a time: `online` and opening the page can fire together.
  function flush() {
    flushing ??= sendAll().finally(() => {
      flushing = null;
    });
    return flushing;
  }

  function counted(clientKey) {
    return !notCounted.has(clientKey);
  }

  return { add, flush, entries, has, counted };
}

// Who is logged in on this page, as the opaque tag every page carries (or null).
export function pageMember(doc) {
  return doc.querySelector('meta[name="rugcoach-member"]')?.getAttribute("content") || null;
}

// Django's CSRF token, from its cookie (a cached page's own token may be older).
export function csrfHeader(cookie) {
  const match = /(?:^|;\s*)csrftoken=([^;]+)/.exec(cookie || "");
  return match ? { "X-CSRFToken": decodeURIComponent(match[1]) } : {};
}
