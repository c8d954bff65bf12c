/**
 * Durations as Infisical reads them with the `ms` package ("90s", "30m", "1h", "7d", "1y"; a
 * bare number is milliseconds). Returns undefined for anything else, as `ms` does.
 */
const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_557_600_000,
};

export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w|y)?$/i.exec(text.trim());
  if (!match) return undefined;
  const unit = (match[2] ?? 'ms').toLowerCase();
  return Number(match[1]) * (UNIT_MS[unit] as number);
}
