import type { ToolAnnotations } from './infisical-tool.js';

/** Every tool talks to an Infisical instance outside this process, hence openWorldHint. */

/** Reads only; safe to call again. */
export const READS: ToolAnnotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
};

/** Adds something new; calling twice adds twice or fails the second time. */
export const CREATES: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: false,
  openWorldHint: true,
};

/** Overwrites or removes what exists; repeating the same call changes nothing more. */
export const CHANGES_OR_REMOVES: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: true,
  openWorldHint: true,
};

/** Changes what exists without taking anything away (a renewal); repeating it changes it again. */
export const EXTENDS: ToolAnnotations = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: false,
  openWorldHint: true,
};
