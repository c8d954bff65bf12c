import { BoundedMemo } from '../server/bounded-memo.js';
import type { InfisicalTool } from '../tools/infisical-tool.js';
import type { CallTarget } from './call-target.js';

/** Distinct lists seen: the server's and one per API key with its own, in practice. */
const MAX_SHARED_LISTS = 256;
const shared = new BoundedMemo<ProtectedEnvironments>(MAX_SHARED_LISTS);

/**
 * Environment slugs where writes are refused, e.g. `["prod", "staging"]`; `*` matches any run
 * of characters (`prod-*`). Matching ignores case.
 */
export class ProtectedEnvironments {
  private readonly patterns: RegExp[];

  constructor(readonly slugs: readonly string[]) {
    this.patterns = slugs.map(
      (slug) => new RegExp(`^${slug.split('*').map(escapeRegExp).join('.*')}$`, 'i'),
    );
  }

  /**
   * The same as `new ProtectedEnvironments(slugs)`, shared with earlier callers that gave the
   * same slugs: an HTTP server builds a policy per session, and each copy compiled its own
   * patterns.
   */
  static of(slugs: readonly string[]): ProtectedEnvironments {
    return shared.get(JSON.stringify(slugs), () => new ProtectedEnvironments([...slugs]));
  }

  get isEmpty(): boolean {
    return this.slugs.length === 0;
  }

  includes(environment: string): boolean {
    return this.patterns.some((pattern) => pattern.test(environment));
  }

  /**
   * Why a call must not run, or undefined when it may. Reads always may. A write naming a
   * protected environment may not; nor may a destructive call that names a project but no
   * environment (deleting a project deletes its protected environments too).
   */
  refusal(tool: InfisicalTool, target: CallTarget): string | undefined {
    if (this.isEmpty || tool.annotations.readOnlyHint) return undefined;
    const hit = target.environments.filter((environment) => this.includes(environment));
    const advice =
      'Nothing was sent to Infisical. Use another environment, or ask the operator to allow protected writes (--allow-protected-writes).';
    if (hit.length > 0) {
      return `Environment ${hit.map((slug) => `"${slug}"`).join(', ')} is protected on this server: ${tool.name} cannot change it. ${advice}`;
    }
    if (tool.annotations.destructiveHint && target.environments.length === 0 && target.projectId) {
      return `${tool.name} acts on every environment of project "${target.projectId}", and this server protects ${this.slugs.map((slug) => `"${slug}"`).join(', ')}. ${advice}`;
    }
    return undefined;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
