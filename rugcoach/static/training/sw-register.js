// Registers RugCoach's service worker (rugcoach/pwa/sw.js, served at /sw.js), which keeps
// the player and the next sessions for training offline. Loaded on every page by
// base.html. The site works the same without it: no worker, no offline copy.
//
// After registering, the page tells the worker which page was opened: opening the plan or
// the player makes it refresh what it keeps (the first visit happens before the worker
// controls the page, so it cannot see that navigation itself). When the worker reports
// that the trainings are kept, <html data-offline-ready> says so (tests wait for it).
const tag = document.querySelector("script[data-service-worker]");

async function register() {
  const registration = await navigator.serviceWorker.register(
    tag?.dataset.serviceWorker || "/sw.js",
    { scope: "/", updateViaCache: "none" },
  );
  await navigator.serviceWorker.ready;
  (registration.active || navigator.serviceWorker.controller)?.postMessage({
    type: "opened",
    path: location.pathname,
  });
}

if ("serviceWorker" in navigator) {
  navigator.serviceWorker.addEventListener("message", (event) => {
    if (event.data?.type === "offline-ready") {
      document.documentElement.dataset.offlineReady = String(event.data.pages);
    }
  });
  // Deliver messages the worker sent before this listener existed.
  navigator.serviceWorker.startMessages();
  register().catch(() => {
    // Private windows and some browsers refuse workers: the site simply stays online-only.
  });
}
