import { getSnapshotTool } from './get-snapshot.js';
import { listSnapshotsTool } from './list-snapshots.js';

export { getSnapshotTool, listSnapshotsTool };

export const snapshotTools = [listSnapshotsTool, getSnapshotTool];
