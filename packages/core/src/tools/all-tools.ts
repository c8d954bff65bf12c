import { environmentTools } from './environments/index.js';
import { folderTools } from './folders/index.js';
import { importTools } from './imports/index.js';
import type { InfisicalTool } from './infisical-tool.js';
import { memberTools } from './members/index.js';
import { projectTools } from './projects/index.js';
import { secretTools } from './secrets/index.js';
import { snapshotTools } from './snapshots/index.js';
import { tagTools } from './tags/index.js';

/** Every Infisical tool, in the order clients list them. */
export const allTools: readonly InfisicalTool[] = [
  ...secretTools,
  ...projectTools,
  ...environmentTools,
  ...folderTools,
  ...memberTools,
  ...tagTools,
  ...importTools,
  ...snapshotTools,
] as InfisicalTool[];
