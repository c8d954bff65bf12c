import type { Options } from 'tsup';

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

export const NOTICES_FILE: string;
export function thirdPartyNotices(): EsbuildPlugin;
export function packageRootOf(inputPath: string): string | undefined;
export function renderNotices(
  owner: string,
  packages: { name: string; version: string; license: string; text: string }[],
): string;
