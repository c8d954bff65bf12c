import type { Static, TObject } from '@sinclair/typebox';
import type { InfisicalClient } from '../infisical/infisical-client.js';
import type { Logger } from '../logger.js';
import type { ArgumentName, TargetDeclaration } from '../safety/target-declaration.js';

/**
 * Tools are grouped by the Infisical resource they act on; users enable or disable whole groups.
 * A custom server may add groups of its own.
 */
export type Toolset =
  | 'secrets'
  | 'projects'
  | 'environments'
  | 'folders'
  | 'tags'
  | 'imports'
  | 'snapshots'
  | 'access'
  | 'dynamic-secrets'
  | 'kms'
  | 'sharing'
  | (string & {});

/** MCP tool annotations: hints a client uses to decide what needs the user's confirmation. */
export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

/** What a tool handler gets besides its validated arguments. */
export interface ToolContext {
  /** Infisical, authenticated for this call. */
  infisical: InfisicalClient;
  logger: Logger;
  /** Aborted when the client cancels the call or the connection closes. */
  signal: AbortSignal;
  /**
   * Tells the client how far a long call has got (MCP progress notifications). A no-op when the
   * client did not ask for progress; never throws.
   */
  reportProgress(progress: number, total?: number, message?: string): Promise<void>;
}

/**
 * One tool as data: its advertised definition plus a handler. The server factory registers a
 * list of these; filtering (allow-lists, toolsets) works on the list before registration.
 */
export interface InfisicalTool<I extends TObject = TObject, O extends TObject = TObject> {
  name: string;
  title: string;
  description: string;
  toolset: Toolset;
  annotations: ToolAnnotations;
  inputSchema: I;
  outputSchema: O;
  /**
   * Argument names accepted for compatibility but not advertised, mapped to the advertised
   * name (the seed README used other names than the official server for some tools).
   */
  argumentAliases?: Readonly<Record<string, string>>;
  /** Argument names accepted and ignored, for clients that still send retired arguments. */
  ignoredArguments?: readonly string[];
  /**
   * What a call acts on, for protected environments, confirmation prompts, dry runs and the
   * audit trail. Required of every tool that is not read-only: the server refuses to start
   * with one that declares nothing. A read may declare it for its audit entries.
   */
  target?: TargetDeclaration;
  handler(input: Static<I>, context: ToolContext): Promise<Static<O>>;
}

/** Keeps the handler's argument and result types tied to the tool's schemas. */
export function defineTool<I extends TObject, O extends TObject>(
  // The declaration's argument names are checked here, where the schema's names are known.
  tool: InfisicalTool<I, O> & { target?: TargetDeclaration<ArgumentName<Static<I>>> },
): InfisicalTool<I, O> {
  return tool;
}
