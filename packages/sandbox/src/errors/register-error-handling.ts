import type { FastifyInstance } from 'fastify';
import { internalServerError } from './infisical-errors.js';
import { SandboxHttpError } from './sandbox-http-error.js';

/**
 * Every failure leaves as Infisical's envelope `{reqId, statusCode, message, error}`. Anything
 * that is not one of our errors, including Fastify's own (bad JSON, wrong content type), becomes
 * the generic 500 Infisical answers with.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const httpError = error instanceof SandboxHttpError ? error : internalServerError();
    return reply
      .code(httpError.statusCode)
      .headers(httpError.headers)
      .send({
        reqId: request.id,
        statusCode: httpError.statusCode,
        message: httpError.responseMessage,
        error: httpError.errorName,
        ...(httpError.details === undefined ? {} : { details: httpError.details }),
      });
  });

  // Fastify's default 404 wording, plus the request id so the body keeps the envelope's keys.
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      reqId: request.id,
      statusCode: 404,
      message: `Route ${request.method}:${request.url} not found`,
      error: 'Not Found',
    }),
  );
}
