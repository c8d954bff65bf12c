import { listSnapshotsTool } from './list-snapshots.js';

export { listSnapshotsTool };

export const snapshotTools = [listSnapshotsTool];
