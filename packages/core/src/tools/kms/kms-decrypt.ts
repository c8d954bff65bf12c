import { Type } from '@sinclair/typebox';
import { kmsDecrypt } from '../../infisical/api/kms-api.js';
import { READS } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { ToolInputError } from '../tool-input-error.js';
import { encodingArg, keyIdArg } from './kms-arguments.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export const kmsDecryptTool = defineTool({
  name: 'kms-decrypt',
  title: 'Decrypt with a KMS key',
  description: 'Decrypt a kms-encrypt ciphertext with the same KMS key.',
  toolset: 'kms',
  annotations: READS,
  inputSchema: Type.Object({
    keyId: keyIdArg('the data was encrypted with'),
    ciphertext: Type.String({
      minLength: 1,
      description: 'The base64 ciphertext from kms-encrypt.',
    }),
    encoding: encodingArg('plaintext'),
  }),
  // Decrypted data is as sensitive as a secret value: the value policy masks or withholds it.
  outputSchema: Type.Object({ plaintext: Type.String({ secretValue: true }) }),
  async handler(input, { infisical, signal }) {
    const { plaintext } = await kmsDecrypt(
      infisical,
      { keyId: input.keyId, ciphertext: input.ciphertext },
      signal,
    );
    if (input.encoding === 'base64') return { plaintext };
    try {
      return { plaintext: strictUtf8.decode(Buffer.from(plaintext, 'base64')) };
    } catch {
      throw new ToolInputError(
        'The decrypted data is not UTF-8 text. Call kms-decrypt again with encoding "base64".',
      );
    }
  },
});
