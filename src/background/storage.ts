// A thin key-value adapter over storage.local so feeds and the telemetry queue
// can be tested with an in-memory fake.
export interface KeyValueStorage {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
  /** Calls back with the keys another context changed. */
  onChanged(listener: (changes: Record<string, { newValue?: unknown }>) => void): void;
}

interface StorageAreaLike {
  get(keys: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string): Promise<void>;
  onChanged?: { addListener(cb: (changes: Record<string, { newValue?: unknown }>) => void): void };
}

export function storageAreaAdapter(area: StorageAreaLike): KeyValueStorage {
  return {
    async get<T>(key: string) {
      return (await area.get(key))[key] as T | undefined;
    },
    set: (key, value) => area.set({ [key]: value }),
    remove: (key) => area.remove(key),
    onChanged: (listener) => area.onChanged?.addListener(listener),
  };
}

/** In-memory storage for tests and for pages without extension storage. */
export function memoryStorage(initial: Record<string, unknown> = {}): KeyValueStorage & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = structuredClone(initial);
  const listeners: ((changes: Record<string, { newValue?: unknown }>) => void)[] = [];
  return {
    data,
    async get<T>(key: string) {
      return structuredClone(data[key]) as T | undefined;
    },
    async set(key, value) {
      data[key] = structuredClone(value);
      for (const l of listeners) l({ [key]: { newValue: structuredClone(value) } });
    },
    async remove(key) {
      delete data[key];
      for (const l of listeners) l({ [key]: {} });
    },
    onChanged: (listener) => void listeners.push(listener),
  };
}
