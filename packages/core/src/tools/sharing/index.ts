import { createSharedSecretTool } from './create-shared-secret.js';

export { createSharedSecretTool };

/** Handing a secret to someone outside Infisical's projects, through a link. */
export const sharingTools = [createSharedSecretTool];
