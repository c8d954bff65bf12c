import { Type } from '@sinclair/typebox';
import { kmsEncrypt } from '../../infisical/api/kms-api.js';
import { READS } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { encodingArg, keyIdArg } from './kms-arguments.js';

export const kmsEncryptTool = defineTool({
  name: 'kms-encrypt',
  title: 'Encrypt with a KMS key',
  description:
    'Encrypt up to 4 KB with a KMS key into base64 ciphertext for kms-decrypt; nothing is stored.',
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
