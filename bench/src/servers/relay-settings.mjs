// What the bare relays (stdio and fastify) are told through their environment: where the
// sandbox is, how to log in, and the result to answer each tool with.
export function relaySettings() {
  const raw = process.env.BENCH_RELAY;
  if (!raw) {
    process.stderr.write(
      'BENCH_RELAY must hold {"sandbox":{url,clientId,clientSecret},"results":{tool: result}}\n',
    );
    process.exit(2);
  }
  return JSON.parse(raw);
}

/** The environment value {@link relaySettings} reads. */
export function relayEnvironment(sandbox, results) {
  const { url, clientId, clientSecret } = sandbox;
  return JSON.stringify({ sandbox: { url, clientId, clientSecret }, results });
}
