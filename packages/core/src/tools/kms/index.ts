import { kmsDecryptTool } from './kms-decrypt.js';
import { kmsEncryptTool } from './kms-encrypt.js';
import { listKmsKeysTool } from './list-kms-keys.js';

export { kmsDecryptTool, kmsEncryptTool, listKmsKeysTool };

/** Encryption with keys that never leave Infisical (Infisical KMS). */
export const kmsTools = [listKmsKeysTool, kmsEncryptTool, kmsDecryptTool];
