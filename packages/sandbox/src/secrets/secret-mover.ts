import { requireProjectAccess } from '../auth/project-access.js';
import { ProjectPermission } from '../auth/project-permission.js';
import { badRequest, notFound } from '../errors/infisical-errors.js';
import type { SandboxState } from '../state/sandbox-state.js';

export interface MoveSecretsInput {
  projectId: string;
  sourceEnvironment: string;
  sourceSecretPath: string;
  destinationEnvironment: string;
  destinationSecretPath: string;
  secretIds: string[];
  shouldOverwrite: boolean;
}

/**
 * `POST /api/v4/secrets/move`, as Infisical's moveSecrets does it: all or nothing; a key that
 * exists at the destination with another value needs shouldOverwrite; the moved secrets are
 * created anew there (version 1, no tags) and deleted from the source.
 */
export function moveSecrets(state: SandboxState, identityId: string, input: MoveSecretsInput) {
  const project = requireProjectAccess(state, identityId, input.projectId);
  const source = state.findFolder(project, input.sourceEnvironment, input.sourceSecretPath);
  if (!source) throw notFound('Source path does not exist.');
  const destination = state.findFolder(
    project,
    input.destinationEnvironment,
    input.destinationSecretPath,
  );
  if (!destination) throw notFound('Destination path does not exist.');
  // moveSecrets asks to delete (and describe) at the source and to create at the destination.
  const permission = ProjectPermission.of(project, identityId);
  const from = { environment: input.sourceEnvironment, secretPath: input.sourceSecretPath };
  permission.require('delete', 'secrets', from);
  permission.requireSecretAccess('describeSecret', from);
  permission.require('create', 'secrets', {
    environment: input.destinationEnvironment,
    secretPath: input.destinationSecretPath,
  });
  const ids = new Set(input.secretIds);
  const moving = [...source.secrets.values()].filter((secret) => ids.has(secret.id));
  if (moving.length !== ids.size) throw badRequest('Invalid secrets');

  const toCreate = moving.filter((secret) => !destination.secrets.has(secret.key));
  const toUpdate = moving.filter((secret) => {
    const existing = destination.secrets.get(secret.key);
    return existing !== undefined && existing.value !== secret.value;
  });
  if (toUpdate.length > 0 && !input.shouldOverwrite) {
    throw badRequest(
      `Failed to move secrets. The following secrets already exist in the destination: ${toUpdate.map((secret) => secret.key).join(',')}`,
    );
  }
  if (toCreate.length + toUpdate.length === 0) {
    throw badRequest('Selected secrets already exist in the destination.');
  }
  for (const secret of toCreate) {
    state.addSecret(destination, {
      key: secret.key,
      value: secret.value,
      comment: secret.comment,
      skipMultilineEncoding: secret.skipMultilineEncoding,
    });
  }
  for (const secret of toUpdate) {
    state.updateSecret(destination, secret.key, {
      value: secret.value,
      comment: secret.comment,
      skipMultilineEncoding: secret.skipMultilineEncoding,
    });
  }
  for (const secret of moving) state.removeSecret(source, secret.key);
  return { isSourceUpdated: true, isDestinationUpdated: true };
}
