import { setTimeout as sleep } from 'node:timers/promises';

/** The environment the soak reads and writes: the demo seed leaves it empty. */
export const SOAK_ENVIRONMENT = 'staging';

/**
 * One client's life during the soak: a loop of reads (get-secret, list-secrets) and writes
 * (create, update, delete) on its own small set of keys until `deadline`. Keys are private to a
 * session, so its writes are ordered and the final state of each key is known exactly. A read
 * that does not see this session's last acknowledged write counts as a failure too.
 */
export async function runSoakSession({
  caller,
  index,
  projectId,
  log,
  deadline,
  thinkMs,
  keysPerSession,
  prefix,
  onCall,
  random = Math.random,
}) {
  const scope = { projectId, environmentSlug: SOAK_ENVIRONMENT, secretPath: '/' };
  const keys = Array.from({ length: keysPerSession }, (_, k) => `${prefix}${index}_${k}`);
  let version = 0;
  const call = async (kind, name, args, check) => {
    const started = performance.now();
    try {
      const result = await caller.callTool(name, args);
      const problem = check?.(result);
      onCall({ kind, ok: !problem, ms: performance.now() - started, error: problem });
      return true;
    } catch (error) {
      onCall({ kind, ok: false, ms: performance.now() - started, error: error.message });
      return false;
    }
  };
  while (Date.now() < deadline) {
    const key = keys[Math.floor(random() * keys.length)];
    const expected = log.expected(key);
    const roll = random();
    if (roll < 0.5 && typeof expected === 'string') {
      await call('read', 'get-secret', { ...scope, secretName: key }, (result) => {
        const seen = result.structuredContent?.secret?.secretValue;
        return seen === expected ? undefined : `stale read of ${key}: ${seen} != ${expected}`;
      });
    } else if (roll < 0.7 || expected === 'unknown') {
      // After a lost answer the key may or may not exist: it is left alone until the soak ends.
      await call('read', 'list-secrets', scope);
    } else {
      const value = `v${index}-${++version}`;
      let name = 'update-secret';
      let args = { ...scope, secretName: key, secretValue: value };
      if (expected === undefined) name = 'create-secret';
      else if (random() < 0.2) {
        name = 'delete-secret';
        args = { ...scope, secretName: key };
      }
      log.markUncertain(key);
      if (await call('write', name, args))
        log.acknowledge(key, name === 'delete-secret' ? undefined : value);
    }
    if (thinkMs > 0) await sleep(thinkMs * (0.5 + random()));
  }
}
