import { definePrompt, promptArgs } from './infisical-prompt.js';

export const exploreProjectPrompt = definePrompt({
  name: 'explore-project',
  title: 'Explore a project',
  description:
    "Map a project before working in it: its environments, each environment's folder tree and, when secret tools are enabled, how many secrets each folder holds. Never shows values.",
  arguments: [promptArgs.projectId('to explore')],
  usesTools: ['get-project', 'list-folders'],
  render({ projectId }, servedTools) {
    const countSecrets = servedTools.has('list-secrets');
    return [
      `Give me an overview of Infisical project ${projectId}. Do not quote any secret value.`,
      '',
      `1. Call get-project with projectId "${projectId}" to read its name, type and environments.`,
      '2. For each environment, call list-folders with its slug as environmentSlug, path "/" and recursive true, to map its folder tree.',
      ...(countSecrets
        ? [
            '3. For each environment and folder, call list-secrets with that secretPath and count the secret keys; keep the keys, never the values.',
          ]
        : []),
      `${countSecrets ? 4 : 3}. Summarize as a table (environment, folders${countSecrets ? ', number of secrets' : ''}) and point out folders${countSecrets ? ' or keys' : ''} that some environments have and others lack.`,
    ].join('\n');
  },
});
