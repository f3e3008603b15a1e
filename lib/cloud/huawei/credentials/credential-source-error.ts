import { ConfigError } from "../../../runtime/config-error";

/**
 * A credential source that is configured but cannot give credentials (a profile file that does
 * not parse, an ID token file that is empty, IAM refusing an agency): one line naming the
 * source, what is wrong and what to check. Raised before any request reaches the service, and
 * never retried: repeating would fail the same way.
 */
export class CredentialSourceError extends ConfigError {
  constructor(source: string, problem: string, check: string) {
    super(`Huawei Cloud credentials (${source}): ${problem}. Check: ${check}`);
    this.name = "CredentialSourceError";
  }
}
