import { accessTools } from './access/index.js';
import { dynamicSecretTools } from './dynamic-secrets/index.js';
import { environmentTools } from './environments/index.js';
import { folderTools } from './folders/index.js';
import { importTools } from './imports/index.js';
import type { InfisicalTool } from './infisical-tool.js';
import { kmsTools } from './kms/index.js';
import { projectTools } from './projects/index.js';
import { secretTools } from './secrets/index.js';
import { sharingTools } from './sharing/index.js';
import { snapshotTools } from './snapshots/index.js';
import { tagTools } from './tags/index.js';

/** Every Infisical tool, in the order clients list them. */
export const allTools: readonly InfisicalTool[] = [
  ...secretTools,
  ...projectTools,
  ...environmentTools,
  ...folderTools,
  ...accessTools,
  ...tagTools,
  ...importTools,
  ...snapshotTools,
  ...dynamicSecretTools,
  ...kmsTools,
  ...sharingTools,
] as InfisicalTool[];
