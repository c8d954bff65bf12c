import { accessTools } from './access/index.js';
import { dynamicSecretTools } from './dynamic-secrets/index.js';
import { environmentTools } from './environments/index.js';
import { folderTools } from './folders/index.js';
import type { InfisicalTool } from './infisical-tool.js';
import { kmsTools } from './kms/index.js';
import { projectTools } from './projects/index.js';
import { secretTools } from './secrets/index.js';
import { sharingTools } from './sharing/index.js';

/** Every Infisical tool, in the order clients list them. */
export const allTools: readonly InfisicalTool[] = [
  ...secretTools,
  ...projectTools,
  ...environmentTools,
  ...folderTools,
  ...accessTools,
  ...dynamicSecretTools,
  ...kmsTools,
  ...sharingTools,
] as InfisicalTool[];
