import { createDynamicSecretLeaseTool } from './create-dynamic-secret-lease.js';
import { getDynamicSecretTool } from './get-dynamic-secret.js';
import { listDynamicSecretsTool } from './list-dynamic-secrets.js';
import { renewDynamicSecretLeaseTool } from './renew-dynamic-secret-lease.js';
import { revokeDynamicSecretLeaseTool } from './revoke-dynamic-secret-lease.js';

export {
  createDynamicSecretLeaseTool,
  getDynamicSecretTool,
  listDynamicSecretsTool,
  renewDynamicSecretLeaseTool,
  revokeDynamicSecretLeaseTool,
};

/** Short-lived credentials issued on demand (an Infisical enterprise feature). */
export const dynamicSecretTools = [
  listDynamicSecretsTool,
  getDynamicSecretTool,
  createDynamicSecretLeaseTool,
  renewDynamicSecretLeaseTool,
  revokeDynamicSecretLeaseTool,
];
