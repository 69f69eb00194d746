/** The memo tables' one step: the entry filed under `key`, made (and filed) the first time it is asked for. */

interface Table<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

export function getOrCreate<K, V>(table: Table<K, V>, key: K, make: (key: K) => V): V {
  let value = table.get(key);
  if (value === undefined) table.set(key, (value = make(key)));
  return value;
}

/** A fresh Map, for `getOrCreate(outer, key, newMap)` on a table of tables. */
export function newMap<K, V>(): Map<K, V> {
  return new Map<K, V>();
}

/** A fresh WeakMap, for a table keyed by objects (an index, a source). */
export function newWeakMap<K extends object, V>(): WeakMap<K, V> {
  return new WeakMap<K, V>();
}
