/** A setting is missing or invalid. The message names the variable and what it accepts. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
