import { definePrompt, promptArgs } from './infisical-prompt.js';

export const auditEnvironmentPrompt = definePrompt({
  name: 'audit-environment',
  title: 'Audit an environment against another',
  description:
    'Compare the folders and secret names of one environment with a baseline environment (e.g. staging against prod) and report what is missing or extra, without showing values.',
  arguments: [
    promptArgs.projectId('to audit'),
    promptArgs.environmentSlug('environmentSlug', 'to audit'),
    promptArgs.environmentSlug('baselineEnvironmentSlug', 'to compare against'),
    promptArgs.secretPath('to start from (its subfolders are audited too)'),
  ],
  usesTools: ['list-folders', 'list-secrets'],
  render({ projectId, environmentSlug, baselineEnvironmentSlug, secretPath }) {
    const audited = `"${environmentSlug}"`;
    const baseline = `"${baselineEnvironmentSlug}"`;
    return [
      `Audit environment ${audited} of Infisical project ${projectId} against environment ${baseline}, from folder "${secretPath}" down.`,
      '',
      'Compare names, never values: do not quote any secret value in your answer, even where two values differ or match.',
      '',
      `1. Call list-folders with projectId "${projectId}", path "${secretPath}" and recursive true, once with environmentSlug ${audited} and once with environmentSlug ${baseline}. Note the folders that exist in only one of them.`,
      '2. For the starting folder and every folder both environments have, call list-secrets in each environment with that folder as secretPath and includeImports true (an imported secret counts as present). Keep only the secret keys.',
      `3. Report per folder: keys in ${baseline} missing from ${audited} (likely gaps), keys only in ${audited} (possibly stale), and folders found in only one environment.`,
      '4. End with a short list of suggested fixes. Do not create, update or delete anything unless I ask you to.',
    ].join('\n');
  },
});
