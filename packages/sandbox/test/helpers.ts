import { expect, onTestFinished } from 'vitest';
import { type RunningSandbox, type StartSandboxOptions, startSandbox } from '../src/index.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field in tests.
export type Json = any;

export interface ApiResponse {
  status: number;
  body: Json;
  headers: Headers;
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Defaults to the client's token; `null` sends no Authorization header. */
  token?: string | null;
}

/** A tiny HTTP client for the sandbox, talking over real sockets. */
export class SandboxClient {
  token: string | undefined;

  constructor(readonly baseUrl: string) {}

  async request(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse> {
    const url = new URL(this.baseUrl + path);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = {};
    const token = options.token === undefined ? this.token : options.token;
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const response = await fetch(url, { method, headers, body });
    const text = await response.text();
    return {
      status: response.status,
      body: text ? JSON.parse(text) : undefined,
      headers: response.headers,
    };
  }

  get(path: string, query?: RequestOptions['query'], token?: string | null) {
    return this.request('GET', path, { query, token });
  }

  post(path: string, body?: unknown, token?: string | null) {
    return this.request('POST', path, { body, token });
  }

  patch(path: string, body?: unknown, token?: string | null) {
    return this.request('PATCH', path, { body, token });
  }

  put(path: string, body?: unknown, token?: string | null) {
    return this.request('PUT', path, { body, token });
  }

  delete(path: string, body?: unknown, token?: string | null) {
    return this.request('DELETE', path, { body, token });
  }

  /** Logs in with universal auth and keeps the token for later requests. */
  async login(clientId: string, clientSecret: string): Promise<string> {
    const response = await this.post('/api/v1/auth/universal-auth/login', {
      clientId,
      clientSecret,
    });
    if (response.status !== 200) {
      throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`);
    }
    this.token = response.body.accessToken;
    return response.body.accessToken;
  }
}

export interface TestSandbox {
  sandbox: RunningSandbox;
  client: SandboxClient;
  projectId: string;
}

/**
 * Starts a seeded sandbox on a free port and logs in as the demo identity. Call it inside a
 * test: the sandbox closes when the test finishes.
 */
export async function startTestSandbox(options: StartSandboxOptions = {}): Promise<TestSandbox> {
  const sandbox = await startSandbox({ ...options, seedDemo: true, port: 0 });
  onTestFinished(() => sandbox.close());
  const client = new SandboxClient(sandbox.url);
  await client.login(sandbox.demo.clientId, sandbox.demo.clientSecret);
  return { sandbox, client, projectId: sandbox.demo.projectId };
}

/** The Infisical error envelope, with a `req-` + 14 alphanumerics request id. */
export function expectedError(statusCode: number, error: string, message: unknown) {
  return { reqId: expect.stringMatching(/^req-[A-Za-z0-9]{14}$/), statusCode, error, message };
}

/** A mutable clock for expiry tests. */
export function manualClock(start = Date.UTC(2025, 0, 1)) {
  let now = start;
  return {
    now: () => now,
    advanceSeconds(seconds: number) {
      now += seconds * 1000;
    },
  };
}
