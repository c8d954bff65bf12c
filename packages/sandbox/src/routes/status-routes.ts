import type { FastifyInstance } from 'fastify';

/**
 * Infisical's public status route, which health checks call without a token; Infisical registers
 * it in backend/src/server/routes/index.ts.
 */
export function registerStatusRoutes(app: FastifyInstance): void {
  app.get('/api/status', async () => ({
    date: new Date().toISOString(),
    message: 'Ok',
    emailConfigured: false,
    inviteOnlySignup: false,
    redisConfigured: false,
    secretScanningConfigured: false,
  }));
}
