import { BoundedMemo } from '../server/bounded-memo.js';
import type { InfisicalTool } from '../tools/infisical-tool.js';
import type { CallTarget } from './call-target.js';
import { canonicalSlug } from './canonical-slug.js';

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
      (slug) => new RegExp(`^${canonicalSlug(slug).split('*').map(escapeRegExp).join('.*')}$`, 'i'),
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

  /** Whether a slug is protected, compared as Infisical would store it. */
  includes(environment: string): boolean {
    const slug = canonicalSlug(environment);
    return this.patterns.some((pattern) => pattern.test(slug));
  }

  /**
   * Why a call must not run, or undefined when it may. Reads always may. A write to a
   * protected environment may not, nor a rename to or from a protected slug; nor may a call
   * that reaches every environment of a project (deleting it, changing its members), or one
   * that should name environments and names none.
   */
  refusal(tool: InfisicalTool, target: CallTarget): string | undefined {
    if (this.isEmpty || tool.annotations.readOnlyHint) return undefined;
    if (target.reach === 'outside-environments') return undefined;
    const touched = target.newEnvironment
      ? [...target.environments, target.newEnvironment]
      : target.environments;
    const hit = touched.filter((environment) => this.includes(environment));
    const advice =
      'Nothing was changed in Infisical. Use another environment, or ask the operator to allow protected writes (--allow-protected-writes).';
    if (hit.length > 0) {
      return `Environment ${hit.map((slug) => `"${slug}"`).join(', ')} is protected on this server: ${tool.name} cannot change it. ${advice}`;
    }
    if (target.reach === 'project' || touched.length === 0) {
      return `${tool.name} acts on every environment of project "${target.projectId ?? 'unknown'}", and this server protects ${this.slugs.map((slug) => `"${slug}"`).join(', ')}. ${advice}`;
    }
    return undefined;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
