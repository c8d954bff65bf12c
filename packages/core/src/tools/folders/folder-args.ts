import { Type } from '@sinclair/typebox';

/** Infisical's folder name rule. */
export const FOLDER_NAME = { minLength: 1, pattern: '^[a-zA-Z0-9_-]+$' } as const;

export const folderIdArg = (purpose: string) =>
  Type.String({
    minLength: 1,
    description: `ID of the folder ${purpose} (list-folders shows it), or its current name.`,
  });
