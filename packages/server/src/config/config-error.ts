/** A configuration value that cannot work (the CLI prints it and exits). */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
