import { type Static, Type } from '@sinclair/typebox';
import type { ApiEnvironment } from '../../infisical/api/environments-api.js';
import { uuidArg } from '../schema.js';

export const EnvironmentOutput = Type.Object({
  id: Type.String(),
  name: Type.String({ description: 'Display name, e.g. "Development".' }),
  slug: Type.String({ description: 'Slug other tools take, e.g. "dev".' }),
  position: Type.Optional(Type.Number({ description: 'Place in the order, 1 being first.' })),
});
export type EnvironmentOutput = Static<typeof EnvironmentOutput>;

export function toEnvironmentOutput(environment: ApiEnvironment): EnvironmentOutput {
  return {
    id: environment.id,
    name: environment.name,
    slug: environment.slug,
    ...(environment.position !== undefined ? { position: environment.position } : {}),
  };
}

export const environmentIdArg = (purpose: string) => uuidArg(`ID of the environment ${purpose}.`);
