// The churn section reads evictions and refusals from the server's Prometheus text.
import { describe, expect, it } from 'vitest';
import { counterByLabel } from '../src/sections/session-churn.mjs';

const METRICS = `# HELP mcp_sessions_evicted_total Idle Streamable HTTP sessions closed to make room
# TYPE mcp_sessions_evicted_total counter
mcp_sessions_evicted_total{reason="sessions_per_client"} 9900
mcp_sessions_evicted_total{reason="sessions_total"} 3
mcp_sessions_evicted_total_created{reason="sessions_total"} 1765000000
mcp_limit_refusals_total{reason="sessions_per_client"} 2
`;

describe('counterByLabel', () => {
  it('reads one counter by its label and nothing that only starts with its name', () => {
    expect(counterByLabel(METRICS, 'mcp_sessions_evicted_total', 'reason')).toEqual({
      sessions_per_client: 9900,
      sessions_total: 3,
    });
    expect(counterByLabel(METRICS, 'mcp_limit_refusals_total', 'reason')).toEqual({
      sessions_per_client: 2,
    });
    expect(counterByLabel('', 'mcp_limit_refusals_total', 'reason')).toEqual({});
  });
});
