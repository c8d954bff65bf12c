/** One argument of a prompt. Prompt arguments are strings (MCP `prompts/get`). */
export interface PromptArgumentSpec {
  name: string;
  description: string;
  required: boolean;
  /** A folder path: must start with "/". Used as the default "/" when optional and absent. */
  isFolderPath?: boolean;
}

/**
 * One MCP prompt as data: a workflow written for the model, naming the tools to call. A prompt
 * is offered only when the server serves every tool in `usesTools`, so it never sends the model
 * to a tool that read-only mode, toolsets or the allow-list took away.
 */
export interface InfisicalPrompt {
  name: string;
  title: string;
  description: string;
  arguments: readonly PromptArgumentSpec[];
  usesTools: readonly string[];
  /**
   * The instructions, from validated arguments. Renders text only: a prompt never calls
   * Infisical, so it can never carry a secret value.
   */
  render(args: Readonly<Record<string, string>>, servedTools: ReadonlySet<string>): string;
}

export function definePrompt(prompt: InfisicalPrompt): InfisicalPrompt {
  return prompt;
}

/** Shared argument descriptions, worded like the tools' own. */
export const promptArgs = {
  projectId: (purpose: string): PromptArgumentSpec => ({
    name: 'projectId',
    description: `ID of the project ${purpose}. list-projects shows the IDs.`,
    required: true,
  }),
  environmentSlug: (name: string, purpose: string): PromptArgumentSpec => ({
    name,
    description: `Slug of the environment ${purpose}, e.g. "dev", "staging" or "prod".`,
    required: true,
  }),
  secretPath: (purpose: string): PromptArgumentSpec => ({
    name: 'secretPath',
    description: `Folder path ${purpose}, starting with "/". Defaults to "/".`,
    required: false,
    isFolderPath: true,
  }),
};
