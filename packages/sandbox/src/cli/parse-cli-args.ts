import { parseArgs } from 'node:util';

export const DEFAULT_PORT = 8480;

export const USAGE = `Usage: infisical-mcp-sandbox [--port N] [--host H] [--latency-ms N] [--token-ttl S] [--token-max-ttl S] [--bench]

Starts an in-memory, Infisical-compatible API for tests and demos, then prints one JSON line
with its URL and the demo credentials. Nothing is stored.

  --port N           port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --host H           address to bind (default 127.0.0.1)
  --latency-ms N     delay added to every API request
  --token-ttl S      access token lifetime in seconds (default 3600)
  --token-max-ttl S  seconds after login a token can be renewed for (default 2592000)
  --bench            also serve the deprecated routes only the official Infisical MCP server calls
  --help             show this help
`;

export interface CliOptions {
  help: boolean;
  port: number;
  host?: string;
  latencyMs?: number;
  accessTokenTTL?: number;
  accessTokenMaxTTL?: number;
  bench: boolean;
}

/** A mistake on the command line; the bin prints its message and exits with status 2. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

export function parseCliArgs(argv: readonly string[]): CliOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'latency-ms': { type: 'string' },
        'token-ttl': { type: 'string' },
        'token-max-ttl': { type: 'string' },
        bench: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  const host = values.host as string | undefined;
  if (host !== undefined && host.trim() === '') throw new CliUsageError('--host must not be empty');
  return {
    help: values.help === true,
    port: readNumber(values.port, '--port', isPort) ?? DEFAULT_PORT,
    host,
    latencyMs: readNumber(values['latency-ms'], '--latency-ms', isNonNegativeInteger),
    accessTokenTTL: readNumber(values['token-ttl'], '--token-ttl', isPositive),
    accessTokenMaxTTL: readNumber(values['token-max-ttl'], '--token-max-ttl', isPositive),
    bench: values.bench === true,
  };
}

interface NumberRule {
  (value: number): boolean;
  description: string;
}

const isPort: NumberRule = Object.assign(
  (value: number) => Number.isInteger(value) && value >= 0 && value <= 65535,
  { description: 'an integer from 0 to 65535' },
);
const isNonNegativeInteger: NumberRule = Object.assign(
  (value: number) => Number.isInteger(value) && value >= 0,
  { description: 'an integer >= 0' },
);
const isPositive: NumberRule = Object.assign(
  (value: number) => Number.isFinite(value) && value > 0,
  { description: 'a number of seconds > 0' },
);

function readNumber(
  raw: string | boolean | undefined,
  flag: string,
  rule: NumberRule,
): number | undefined {
  if (raw === undefined) return undefined;
  const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
  if (!rule(value)) throw new CliUsageError(`${flag} must be ${rule.description}, got '${raw}'`);
  return value;
}
