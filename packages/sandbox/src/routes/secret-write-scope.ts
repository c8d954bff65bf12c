import { readSecretPath } from '../validation/infisical-fields.js';
import type { InputReader } from '../validation/input-reader.js';
import { type ProjectDialect, readProjectReference } from './project-reference.js';

/** The project, environment and path every secret write body carries. */
export function readWriteScope(input: InputReader, dialect: ProjectDialect) {
  return {
    project: readProjectReference(input, dialect, { part: 'body', required: true }),
    environment: input.string('environment'),
    secretPath: readSecretPath(input),
  };
}
