import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireProjectAccess } from '../auth/project-access.js';
import { identityOf, requireIdentity } from '../auth/request-identity.js';
import type { SandboxState } from '../state/sandbox-state.js';
import { type InputReader, readPart } from '../validation/input-reader.js';
import { customIssue, invalidEmailIssue } from '../validation/validation-issue.js';

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Inviting users to a project: `/api/v1/projects/:projectId/memberships` (current) and
 * `/api/v2/workspace/:projectId/memberships` (what the SDK calls). Both share one schema.
 */
export function registerMembershipRoutes(app: FastifyInstance, state: SandboxState): void {
  const onRequest = requireIdentity(state);

  const inviteMembers = async (request: FastifyRequest) => {
    const params = readPart(request.params, (input) => ({ projectId: input.string('projectId') }));
    const body = readPart(request.body, (input) => ({
      emails: readLowercaseList(input, 'emails', 'Email must be lowercase', true),
      usernames: readLowercaseList(input, 'usernames', 'Username must be lowercase', false),
      roles: input.optionalStringArray('roleSlugs', { min: 1 }) ?? ['member'],
    }));
    const project = requireProjectAccess(state, identityOf(request).id, params.projectId);
    const created = state.inviteUsers(project, body);
    return {
      memberships: created.map((member) => ({
        id: member.id,
        userId: member.userId,
        projectId: project.id,
        createdAt: member.createdAt,
        updatedAt: member.updatedAt,
      })),
    };
  };

  app.post('/api/v1/projects/:projectId/memberships', { onRequest }, inviteMembers);
  app.post('/api/v2/workspace/:projectId/memberships', { onRequest }, inviteMembers);
}

function readLowercaseList(
  input: InputReader,
  key: string,
  lowercaseMessage: string,
  mustBeEmail: boolean,
): string[] {
  const values = input.optionalStringArray(key) ?? [];
  values.forEach((value, index) => {
    const path = [...input.pathOf(key), index];
    if (mustBeEmail && !EMAIL_PATTERN.test(value)) input.issue(invalidEmailIssue(path));
    if (value.toLowerCase() !== value) input.issue(customIssue(path, lowercaseMessage));
  });
  return values;
}
