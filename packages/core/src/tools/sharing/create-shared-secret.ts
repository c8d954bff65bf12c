import { Type } from '@sinclair/typebox';
import { createSharedSecret } from '../../infisical/api/secret-sharing-api.js';
import { withoutUrlCredentials } from '../../url-credentials.js';
import { CREATES } from '../annotations.js';
import { defineTool } from '../infisical-tool.js';
import { StringEnum } from '../schema.js';

export const createSharedSecretTool = defineTool({
  name: 'create-shared-secret',
  title: 'Create a shared secret link',
  description:
    'Share one value through a link that stops working after its views or expiry. Returns the link, never the value.',
  toolset: 'sharing',
  annotations: CREATES,
  target: { reach: 'outside-environments', confirmName: ['name'] },
  inputSchema: Type.Object({
    secretValue: Type.String({
      minLength: 1,
      maxLength: 10_000,
      description: 'The value to share.',
    }),
    name: Type.Optional(
      Type.String({
        maxLength: 50,
        description: 'A label the recipient sees.',
      }),
    ),
    expiresIn: Type.String({
      default: '1d',
      pattern: '^[0-9]+(m|h|d)$',
      description: 'How long the link works, "5m" to "30d".',
    }),
    maxViews: Type.Integer({
      minimum: 1,
      default: 1,
      description: 'Views before the link stops working.',
    }),
    accessType: StringEnum(['organization', 'anyone'] as const, {
      default: 'organization',
      description: 'Who may open it: members of your organization, or anyone with the link.',
    }),
    password: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'A password the recipient must also enter.',
      }),
    ),
  }),
  outputSchema: Type.Object({
    id: Type.String({ description: 'ID of the shared secret.' }),
    url: Type.String({ description: 'The link to send to the recipient.' }),
    expiresAt: Type.Optional(
      Type.String({ description: 'When the link stops working (ISO 8601).' }),
    ),
    maxViews: Type.Optional(Type.Integer()),
    accessType: Type.String(),
  }),
  async handler(input, { infisical, signal }) {
    const shared = await createSharedSecret(
      infisical,
      {
        secretValue: input.secretValue,
        name: input.name,
        password: input.password,
        expiresIn: input.expiresIn,
        maxViews: input.maxViews,
        accessType: input.accessType,
      },
      signal,
    );
    return {
      id: shared.id,
      // Older Infisical versions answer without the link; their web app serves it at this path.
      url:
        shared.sharedSecretLink ??
        // The link goes to the model and on to people: never with the host URL's credentials.
        withoutUrlCredentials(
          `${infisical.http.baseUrl}/shared/secret/${encodeURIComponent(shared.id)}`,
        ),
      ...(shared.expiresAt ? { expiresAt: shared.expiresAt } : {}),
      ...(shared.expiresAfterViews ? { maxViews: shared.expiresAfterViews } : {}),
      accessType: shared.accessType ?? input.accessType,
    };
  },
});
