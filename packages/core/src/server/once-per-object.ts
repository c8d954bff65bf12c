/**
 * HTTP servers build an MCP server per session: what is derived from a definition (a prompt,
 * a resource kind) is built once per process and shared, not once per session.
 */
export function oncePerObject<K extends object, V>(build: (key: K) => V): (key: K) => V {
  const built = new WeakMap<K, V>();
  return (key) => {
    let value = built.get(key);
    if (value === undefined) {
      value = build(key);
      built.set(key, value);
    }
    return value;
  };
}
