import { definePrompt, promptArgs } from './infisical-prompt.js';

export const rotateSecretPrompt = definePrompt({
  name: 'rotate-secret',
  title: 'Rotate a secret',
  description:
    'Step-by-step rotation of one secret: confirm it exists, set a new value you provide, check the version went up, without ever showing a value.',
  arguments: [
    promptArgs.projectId('holding the secret'),
    promptArgs.environmentSlug('environmentSlug', 'holding the secret'),
    { name: 'secretName', description: 'Name (key) of the secret to rotate.', required: true },
    promptArgs.secretPath('of the secret'),
  ],
  usesTools: ['get-secret', 'update-secret'],
  render({ projectId, environmentSlug, secretName, secretPath }) {
    const location = `projectId "${projectId}", environmentSlug "${environmentSlug}", secretName "${secretName}" and secretPath "${secretPath}"`;
    return [
      `Rotate the secret "${secretName}" in environment "${environmentSlug}" of Infisical project ${projectId}, folder "${secretPath}".`,
      '',
      'Refer to secrets by name only: never repeat a secret value in this conversation, neither the old one nor the new one.',
      '',
      `1. Call get-secret with ${location}. Note its version; do not quote its value. If it does not exist, stop and tell me.`,
      '2. Ask me for the new value unless I already gave it. Do not invent a credential: a rotated secret is usually issued first by the system it unlocks (a database, an API provider).',
      `3. Call update-secret with ${location} and the new value as secretValue. Change nothing else: no newSecretName.`,
      '4. Call get-secret again and check that the version went up. Report the old and the new version numbers, not the values.',
      '5. Remind me to restart or redeploy what reads this secret, and to revoke the old credential where it was issued once nothing uses it any more.',
    ].join('\n');
  },
});
