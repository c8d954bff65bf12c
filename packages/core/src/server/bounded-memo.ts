/**
 * Values built once per key and shared by later callers with the same key, at most `max` of
 * them: past that the oldest is forgotten (and built again if asked for). For what an HTTP
 * server would otherwise build per session from a handful of distinct settings.
 */
export class BoundedMemo<V> {
  private readonly values = new Map<string, V>();

  constructor(private readonly max: number) {}

  get(key: string, build: () => V): V {
    let value = this.values.get(key);
    if (value === undefined) {
      value = build();
      if (this.values.size >= this.max) {
        this.values.delete(this.values.keys().next().value as string);
      }
      this.values.set(key, value);
    }
    return value;
  }
}
