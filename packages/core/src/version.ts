/** Kept equal to package.json's version by a unit test; read at runtime without touching the disk. */
export const CORE_VERSION = '0.1.0';
