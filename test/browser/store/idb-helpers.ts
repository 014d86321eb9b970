// Test helpers for IndexedDB: unique database names per test and deletion that waits for it.
let counter = 0;

export function uniqueDbName(prefix: string): string {
  counter++;
  return `${prefix}-${Date.now().toString(36)}-${counter}-${Math.floor(Math.random() * 1e9).toString(36)}`;
}

export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = () => resolve();
    req.onerror = () => reject(req.error ?? new Error(`deleting ${name} failed`));
    // A connection still open would block; the stores close theirs, so this only logs.
    req.onblocked = () => console.warn(`deleting ${name} is blocked by an open connection`);
  });
}
