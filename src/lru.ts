/**
 * A map that keeps its `max` most recently used entries, dropping the least recently used first (a Map's
 * insertion order is the use order: a read moves the entry to the end). For the caches of pure lookups:
 * the tokenizer's recent texts, the retrieval cache, the triage of repeated messages.
 *
 * @example
 *   const recent = new Lru<string, number>(2);
 *   recent.set('a', 1); recent.set('b', 2); recent.get('a'); recent.set('c', 3); // 'b' is dropped
 */
export class Lru<K, V> {
  readonly #entries = new Map<K, V>();
  constructor(readonly max: number) {}

  get(key: K): V | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.max) this.#entries.delete(this.#entries.keys().next().value!);
  }

  delete(key: K): void {
    this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** Freezes a value and everything it holds (arrays and plain objects), so that what a cache shares cannot be changed. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
  return value;
}
