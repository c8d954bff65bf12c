/**
 * What the soak clients believe Infisical holds: the last acknowledged write of every key. A
 * write whose answer never came is "uncertain" until a later acknowledged write settles the key,
 * so a lost answer is never mistaken for a lost write, and a lost write is never excused.
 */
export class WriteLog {
  /** key -> { value } after a create or update, { deleted: true } after a delete. */
  #acknowledged = new Map();
  #uncertain = new Set();
  acknowledgedWrites = 0;

  acknowledge(key, value) {
    this.#acknowledged.set(key, value === undefined ? { deleted: true } : { value });
    this.#uncertain.delete(key);
    this.acknowledgedWrites++;
  }

  markUncertain(key) {
    this.#uncertain.add(key);
  }

  /** The value a read must see now (undefined: absent), or `unknown` while uncertain. */
  expected(key) {
    if (this.#uncertain.has(key)) return 'unknown';
    return this.#acknowledged.get(key)?.value;
  }

  /**
   * Compares the log with the sandbox's secrets (`[{ key, value }]`) under `prefix`: every
   * acknowledged value present, every acknowledged delete absent, nothing else there.
   */
  verify(secrets, prefix) {
    const stored = new Map(
      secrets.filter((s) => s.key.startsWith(prefix)).map((s) => [s.key, s.value]),
    );
    const lost = [];
    for (const [key, entry] of this.#acknowledged) {
      if (this.#uncertain.has(key)) continue;
      const actual = stored.get(key);
      if (entry.deleted ? actual !== undefined : actual !== entry.value) {
        lost.push({
          key,
          expected: entry.deleted ? '<deleted>' : entry.value,
          actual: actual ?? '<absent>',
        });
      }
    }
    const unexpected = [...stored.keys()].filter(
      (key) => !this.#acknowledged.has(key) && !this.#uncertain.has(key),
    );
    return {
      checkedKeys: this.#acknowledged.size,
      uncertainKeys: this.#uncertain.size,
      lost,
      unexpected,
    };
  }
}
