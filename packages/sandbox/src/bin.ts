#!/usr/bin/env node
import { CliUsageError, parseCliArgs, USAGE } from './cli/parse-cli-args.js';
import { startSandbox } from './start-sandbox.js';

const PROGRAM = 'infisical-mcp-sandbox';

/**
 * Starts the sandbox and prints exactly one JSON line on stdout, so a parent process can read
 * the URL and credentials. Diagnostics go to stderr only.
 */
async function main(): Promise<void> {
  let options: ReturnType<typeof parseCliArgs>;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    process.stderr.write(`${PROGRAM}: ${error.message} (see --help)\n`);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return;
  }

  const sandbox = await startSandbox({
    port: options.port,
    host: options.host,
    latencyMs: options.latencyMs,
    accessTokenTTL: options.accessTokenTTL,
    accessTokenMaxTTL: options.accessTokenMaxTTL,
    bench: options.bench,
  });
  const { demo } = sandbox;
  const ready = {
    url: sandbox.url,
    clientId: demo.clientId,
    clientSecret: demo.clientSecret,
    projectId: demo.projectId,
    environments: demo.environments,
  };

  const shutdown = () => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  // Listen before announcing: a parent may signal as soon as it reads the line.
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  process.stdout.write(`${JSON.stringify(ready)}\n`);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${PROGRAM}: ${message}\n`);
  process.exit(1);
});
