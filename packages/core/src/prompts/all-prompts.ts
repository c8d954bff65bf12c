import { auditEnvironmentPrompt } from './audit-environment.js';
import { exploreProjectPrompt } from './explore-project.js';
import type { InfisicalPrompt } from './infisical-prompt.js';
import { rotateSecretPrompt } from './rotate-secret.js';

/** Every Infisical prompt, in the order clients list them. */
export const allPrompts: readonly InfisicalPrompt[] = [
  exploreProjectPrompt,
  auditEnvironmentPrompt,
  rotateSecretPrompt,
];

/** The prompts whose every tool the server serves. */
export function servedPrompts(servedToolNames: ReadonlySet<string>): InfisicalPrompt[] {
  return allPrompts.filter((prompt) => prompt.usesTools.every((name) => servedToolNames.has(name)));
}
