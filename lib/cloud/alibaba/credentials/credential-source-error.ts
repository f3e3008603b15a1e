import { ConfigError } from "../../../runtime/config-error";

/**
 * A credential source that is configured but cannot give credentials: a file that does not
 * parse, a missing profile or token file, metadata that does not answer, STS refusing a role.
 * Printed as one line naming the source; never retried as a network failure.
 */
export class CredentialSourceError extends ConfigError {
  constructor(
    readonly source: string,
    problem: string,
    check: string,
  ) {
    super(`Alibaba Cloud credentials (${source}): ${problem.replace(/\.$/, "")}. Check: ${check}`);
    this.name = "CredentialSourceError";
  }
}
