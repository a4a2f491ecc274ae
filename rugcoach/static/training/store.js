// A tiny key–value store on IndexedDB (what idb-keyval does, in 40 lines we own; see
// docs/decisions.md). Values are structured-cloned, so plain objects go in and out.
const DB = "rugcoach";
const STORE = "kv";
let opening = null;

function open() {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return opening;
}

async function run(mode, action) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const request = action(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(request.result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

export const idbStore = {
  get: (key) => run("readonly", (s) => s.get(key)),
  set: (key, value) => run("readwrite", (s) => s.put(value, key)),
  del: (key) => run("readwrite", (s) => s.delete(key)),
  keys: () => run("readonly", (s) => s.getAllKeys()),
};

// For tests and browsers without IndexedDB (private modes of old Safari): same methods.
export function memoryStore() {
  const map = new Map();
  return {
    get: async (key) => structuredClone(map.get(key)),
    set: async (key, value) => void map.set(key, structuredClone(value)),
    del: async (key) => void map.delete(key),
    keys: async () => [...map.keys()],
  };
}
