import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { badRequest, notFound } from '../errors/infisical-errors.js';
import { newId } from '../ids.js';

/**
 * Customer-managed KMS keys. Encryption is real AES-256-GCM, so decrypting what was encrypted
 * gives the plaintext back and a changed ciphertext fails authentication.
 */
export interface KmsKey {
  id: string;
  name: string;
  description: string;
  projectId: string;
  orgId: string;
  keyUsage: 'encrypt-decrypt';
  encryptionAlgorithm: 'aes-256-gcm';
  isDisabled: boolean;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  material: Buffer;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

export class KmsKeyStore {
  private readonly keys = new Map<string, KmsKey>();

  constructor(private readonly now: () => Date) {}

  create(input: {
    projectId: string;
    orgId: string;
    name: string;
    description?: string;
    isDisabled?: boolean;
  }): KmsKey {
    if (this.ofProject(input.projectId).some((key) => key.name === input.name)) {
      throw badRequest(`A KMS key with the name "${input.name}" already exists in this project`);
    }
    const now = this.now();
    const key: KmsKey = {
      id: newId(),
      name: input.name,
      description: input.description ?? '',
      projectId: input.projectId,
      orgId: input.orgId,
      keyUsage: 'encrypt-decrypt',
      encryptionAlgorithm: 'aes-256-gcm',
      isDisabled: input.isDisabled ?? false,
      version: 1,
      createdAt: now,
      updatedAt: now,
      material: randomBytes(32),
    };
    this.keys.set(key.id, key);
    return key;
  }

  ofProject(projectId: string): KmsKey[] {
    return [...this.keys.values()]
      .filter((key) => key.projectId === projectId)
      .sort((left, right) => left.name.localeCompare(right.name));
  }

  require(keyId: string): KmsKey {
    const key = this.keys.get(keyId);
    if (!key) throw notFound(`Key with ID ${keyId} not found`);
    return key;
  }

  /** Base64 of iv, ciphertext and tag, like Infisical an opaque base64 string. */
  encrypt(key: KmsKey, plaintext: Buffer): string {
    usable(key);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key.material, iv);
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64');
  }

  decrypt(key: KmsKey, ciphertext: Buffer): Buffer {
    usable(key);
    if (ciphertext.length < IV_BYTES + TAG_BYTES) throw undecryptable();
    const iv = ciphertext.subarray(0, IV_BYTES);
    const tag = ciphertext.subarray(ciphertext.length - TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key.material, iv);
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([
        decipher.update(ciphertext.subarray(IV_BYTES, ciphertext.length - TAG_BYTES)),
        decipher.final(),
      ]);
    } catch {
      throw undecryptable();
    }
  }
}

function usable(key: KmsKey): void {
  if (key.isDisabled) throw badRequest(`Key with ID ${key.id} is disabled`);
}

// Infisical lets the crypto error through as a 500; a 400 tells a client more.
function undecryptable() {
  return badRequest(
    'Failed to decrypt the ciphertext: it was not made with this key or was changed',
  );
}
