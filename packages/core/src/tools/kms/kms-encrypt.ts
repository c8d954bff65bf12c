import { Type } from '@sinclair/typebox';
import { kmsEncrypt } from '../../infisical/api/kms-api.js';
import { READS } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { encodingArg, keyIdArg } from './kms-arguments.js';

export const kmsEncryptTool = defineTool({
  name: 'kms-encrypt',
  title: 'Encrypt with a KMS key',
  description:
    'Encrypt up to 4 KB of data with an Infisical KMS key. Returns an opaque base64 ciphertext that only kms-decrypt with the same key can turn back; nothing is stored in Infisical.',
  toolset: 'kms',
  annotations: READS,
  inputSchema: Type.Object({
    keyId: keyIdArg('to encrypt with'),
    plaintext: Type.String({ description: 'The data to encrypt.' }),
    encoding: encodingArg('plaintext'),
  }),
  outputSchema: Type.Object({
    ciphertext: Type.String({ description: 'Base64; pass it to kms-decrypt unchanged.' }),
  }),
  async handler(input, { infisical, signal }) {
    const plaintext =
      input.encoding === 'base64'
        ? input.plaintext
        : Buffer.from(input.plaintext, 'utf8').toString('base64');
    return kmsEncrypt(infisical, { keyId: input.keyId, plaintext }, signal);
  },
});
