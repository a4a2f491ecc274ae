// The offline page (rugcoach/templates/pwa/offline.html): lists the trainings this phone
// keeps, read from the service worker's page cache, and retries on request.
const PAGE_CACHES = "rugcoach-pages-";
const list = document.getElementById("offline-trainings");
const none = document.getElementById("offline-none");

document.getElementById("offline-retry")?.addEventListener("click", () => location.reload());

async function keptTrainings(prefix) {
  const found = [];
  for (const name of await caches.keys()) {
    if (!name.startsWith(PAGE_CACHES)) continue;
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const url = new URL(request.url);
      // The sessions themselves, not the "today" address (that needs the server).
      if (!url.pathname.startsWith(prefix) || url.pathname === prefix) continue;
      const html = await (await cache.match(request)).text();
      const page = new DOMParser().parseFromString(html, "text/html");
      // The heading names the day ("Training maandag 30 november"); the title may not.
      const name = page.querySelector("h1")?.textContent || page.title.split(" · ")[0];
      found.push({ href: url.pathname, title: name.replace(/\s+/g, " ").trim() || url.pathname });
    }
  }
  return found.sort((a, b) => a.href.localeCompare(b.href, "en", { numeric: true }));
}

async function show() {
  if (!list || !("caches" in self)) return;
  const trainings = await keptTrainings(list.dataset.prefix);
  if (trainings.length === 0) return;
  for (const training of trainings) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = training.href;
    link.textContent = training.title;
    item.append(link);
    list.append(item);
  }
  list.hidden = false;
  none.hidden = true;
}

show();
