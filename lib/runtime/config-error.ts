/** A mistake in configuration or environment that the user fixes; printed as its message alone. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}
