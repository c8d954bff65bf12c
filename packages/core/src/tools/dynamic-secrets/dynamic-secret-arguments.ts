import { Type } from '@sinclair/typebox';
import { environmentSlugArg, Identifier, projectIdArg, secretPathArg, uuidArg } from '../schema.js';

/** Where a dynamic secret lives: the same three arguments as a secret's folder. */
export const dynamicSecretFolderArgs = () => ({
  projectId: projectIdArg(),
  environmentSlug: environmentSlugArg(),
  secretPath: secretPathArg(),
});

export const dynamicSecretNameArg = () =>
  Identifier('slug', {
    maxLength: 64,
    description: 'Dynamic secret name.',
  });

export const leaseIdArg = (purpose: string) => uuidArg(`ID of the lease ${purpose}.`);

export const ttlArg = (purpose: string) =>
  Type.Optional(
    Type.String({
      pattern: '^[0-9]+(s|m|h|d)$',
      description: `How long the lease ${purpose}, e.g. "1h".`,
    }),
  );

export const LeaseOutput = Type.Object({
  id: Type.String({ description: 'Lease ID.' }),
  expireAt: Type.String({ description: 'When the credentials stop working (ISO 8601).' }),
});

export function toLeaseOutput(lease: { id: string; expireAt: string }) {
  return { id: lease.id, expireAt: lease.expireAt };
}

export function folderOf(input: {
  projectId: string;
  environmentSlug: string;
  secretPath: string;
}) {
  return {
    projectId: input.projectId,
    environment: input.environmentSlug,
    path: input.secretPath,
  };
}
