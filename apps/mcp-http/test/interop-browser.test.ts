/**
 * A real browser (Debian's Chromium, driven by playwright-core) runs the SDK's Streamable HTTP
 * client from a web page. CORS and the Origin check are only exercised for real by a browser:
 * it sends the preflights, enforces the response headers and hides what is not exposed.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { allTools } from '@infisical/mcp-core';
import { build } from 'esbuild';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BrowserSessionReport,
  BrowserSessionTarget,
} from './support/interop-browser-client.js';
import { type SandboxedHttpServer, startSandboxedHttpServer } from './support/interop-server.js';

/** Every tool the server serves by default. */
const TOOL_COUNT = allTools.length;

const CHROMIUM = '/usr/bin/chromium';
const BROWSER_CLIENT_ENTRY = fileURLToPath(
  new URL('./support/interop-browser-client.ts', import.meta.url),
);

interface PageServer {
  server: Server;
  origin: string;
}

let target: SandboxedHttpServer;
let browser: Browser;
let allowedPage: PageServer;
let disallowedPage: PageServer;

/** The SDK client and its dependencies as one classic script, built fresh from node_modules. */
async function bundleBrowserClient(): Promise<string> {
  const result = await build({
    entryPoints: [BROWSER_CLIENT_ENTRY],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

/**
 * Serves one page that runs the bundled client. The MCP URL is read per request because the
 * MCP server can only start once the allowed page's origin is known.
 */
async function startPageServer(script: string): Promise<PageServer> {
  const server = createServer((request, response) => {
    if (request.url === '/client.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
      return;
    }
    if (request.url === '/') {
      const sessionTarget: BrowserSessionTarget = {
        mcpUrl: target.mcpUrl,
        getSecretArguments: {
          projectId: target.sandbox.demo.projectId,
          environmentSlug: 'dev',
          secretName: 'API_KEY',
        },
      };
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
        `<!doctype html><title>MCP in a browser</title>
<script>globalThis.mcpTarget = ${JSON.stringify(sessionTarget)};</script>
<script src="/client.js"></script>`,
      );
      return;
    }
    // favicon.ico and the like: nothing, without a 404 in the console.
    response.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, origin: `http://127.0.0.1:${port}` };
}

/** Opens the page and waits for the report; the console is kept to explain a failure. */
async function runPage(
  page: PageServer,
): Promise<{ report: BrowserSessionReport; explanation: string }> {
  const tab = await browser.newPage();
  const consoleLines: string[] = [];
  tab.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
  try {
    await tab.goto(`${page.origin}/`);
    const handle = await tab.waitForFunction(
      () => (globalThis as unknown as { mcpReport?: BrowserSessionReport }).mcpReport,
      undefined,
      { timeout: 15_000 },
    );
    const report = (await handle.jsonValue()) as BrowserSessionReport;
    return { report, explanation: JSON.stringify({ report, console: consoleLines }, null, 2) };
  } finally {
    await tab.close();
  }
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does this)`);
  }
  const script = await bundleBrowserClient();
  [allowedPage, disallowedPage] = await Promise.all([
    startPageServer(script),
    startPageServer(script),
  ]);
  target = await startSandboxedHttpServer(['--allowed-origins', allowedPage.origin]);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await target?.stop();
  for (const page of [allowedPage, disallowedPage]) page?.server.close();
});

describe('Streamable HTTP from a web page in Chromium', () => {
  it('works end to end from an allowed origin: connect, list tools, call get-secret, DELETE', async () => {
    const { report, explanation } = await runPage(allowedPage);
    expect(report, explanation).toMatchObject({ ok: true, step: 'done' });
    // The session id came through Access-Control-Expose-Headers.
    expect(report.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(report.toolNames).toHaveLength(TOOL_COUNT);
    expect(report.toolNames).toContain('get-secret');
    expect(report.secretKey).toBe('API_KEY');
    // The GET event stream opened after initialize went through its preflight too.
    expect(report.transportErrors, explanation).toEqual([]);
  });

  it('is refused from an origin that is not allowed', async () => {
    const { report, explanation } = await runPage(disallowedPage);
    expect(report.ok, explanation).toBe(false);
    expect(report.step).toBe('connect');
    // Chromium hides the 403 from the page: a failed preflight is a bare network error.
    expect(report.error).toMatch(/fetch/i);
    expect(target.server.output()).toContain(
      'refused a request from an origin that is not allowed',
    );
    expect(target.server.output()).toContain(disallowedPage.origin);
  });
});
