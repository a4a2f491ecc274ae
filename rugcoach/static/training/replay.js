// Sends what waits in the player's outbox: loaded by the player and by the pages around
// it (the check-in gate), so a session finished offline reaches the server the next time
// any of them opens, or when the phone comes back online. No Background Sync needed.
import { createOutbox, csrfHeader, pageMember } from "./outbox.js";
import { idbStore } from "./store.js";

export const outbox = createOutbox({
  store: idbStore,
  fetch: (...args) => fetch(...args),
  url: "/api/sessions",
  headers: () => csrfHeader(document.cookie),
  member: pageMember(document),
});

export function replay() {
  if (typeof indexedDB === "undefined") return Promise.resolve(null);
  return outbox.flush().catch(() => null);
}

// Importing this module is enough: it sends now and again on every `online`.
replay();
window.addEventListener("online", () => replay());
