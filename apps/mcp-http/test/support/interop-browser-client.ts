/**
 * Runs in Chromium, not in Node: interop-browser.test.ts bundles this file with esbuild and
 * serves it to a page. It drives one MCP session with the SDK's Streamable HTTP client, as a
 * browser-based MCP client would, and leaves a report on `globalThis.mcpReport` for the test.
 * Only APIs common to Node and browsers are used, so it type-checks without the DOM library.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

/** What the page server injects before this script: where to connect and what to fetch. */
export interface BrowserSessionTarget {
  mcpUrl: string;
  getSecretArguments: Record<string, string>;
}

export interface BrowserSessionReport {
  /** The last step that was reached; on failure, the one that failed. */
  step: 'connect' | 'listTools' | 'callTool' | 'terminateSession' | 'done';
  ok: boolean;
  error?: string;
  sessionId?: string;
  toolNames?: string[];
  secretKey?: string;
  /** Errors the transport reported on the side, e.g. a refused GET event stream. */
  transportErrors: string[];
}

interface BrowserGlobals {
  mcpTarget: BrowserSessionTarget;
  mcpReport?: BrowserSessionReport;
}

async function runSession(target: BrowserSessionTarget): Promise<BrowserSessionReport> {
  const report: BrowserSessionReport = { step: 'connect', ok: false, transportErrors: [] };
  try {
    const transport = new StreamableHTTPClientTransport(new URL(target.mcpUrl));
    const client = new Client({ name: 'interop-browser', version: '1.0.0' });
    let shuttingDown = false;
    client.onerror = (error) => {
      // Ending the session aborts the client's own GET stream; the SDK may report that abort,
      // sometimes only after close() has returned.
      const ownShutdown = shuttingDown && /AbortError/.test(error.message);
      if (!ownShutdown) report.transportErrors.push(error.message);
    };
    await client.connect(transport);
    // Readable only if the server exposes Mcp-Session-Id through CORS.
    report.sessionId = transport.sessionId;

    report.step = 'listTools';
    const { tools } = await client.listTools();
    report.toolNames = tools.map((tool) => tool.name);

    report.step = 'callTool';
    const result = await client.callTool({
      name: 'get-secret',
      arguments: target.getSecretArguments,
    });
    const structured = result.structuredContent as { secret?: { secretKey?: string } } | undefined;
    report.secretKey = structured?.secret?.secretKey;

    // DELETE is not a CORS-safelisted method: this also proves the preflight allows it.
    report.step = 'terminateSession';
    shuttingDown = true;
    await transport.terminateSession();
    await client.close();

    report.step = 'done';
    report.ok = true;
  } catch (error) {
    report.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  return report;
}

const globals = globalThis as unknown as BrowserGlobals;
void runSession(globals.mcpTarget).then((report) => {
  globals.mcpReport = report;
});
