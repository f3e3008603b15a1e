import { CloudError } from "../cloud-error";
import { ClientOptions, transportTuning } from "../client-options";
import { CredentialProvider, ProvidedCredentialsSigner } from "../credential-provider";
import { ErrorParser, HttpTransport } from "../http-transport";
import { AgencyTarget } from "./credentials/assume-agency-source";
import { HuaweiCredentials } from "./credentials/huawei-credential";
import { huaweiCredentialProvider } from "./huawei-credentials";
import { HUAWEI_DIALECT } from "./huawei-dialect";
import { HuaweiService, huaweiBaseUrl } from "./huawei-endpoints";
import { HuaweiSigner } from "./huawei-signer";

export interface HuaweiClientOptions extends ClientOptions {
  readonly region: string;
  readonly projectId: string;
  /** Where signing credentials come from. @default the environment's credential chain */
  readonly credentials?: CredentialProvider<HuaweiCredentials>;
  /**
   * The agency to act as, assumed with the environment's base credentials (one per agency and
   * region per run, shared by the run's clients). Ignored when `credentials` is given.
   * @default the environment's own identity
   */
  readonly identity?: AgencyTarget;
}

/** A transport for one Huawei Cloud service in one region and project, from the environment. */
export function huaweiTransport(service: HuaweiService, parseError: ErrorParser, options: HuaweiClientOptions): HttpTransport {
  const env = options.env ?? process.env;
  const credentials = options.credentials ?? huaweiCredentialProvider(env, { region: options.region, clock: options.clock, log: options.log, agency: options.identity });
  return new HttpTransport({
    baseUrl: huaweiBaseUrl(service, options.region, env),
    signer: new ProvidedCredentialsSigner(credentials, (c) => new HuaweiSigner(c, options.projectId)),
    parseError: namingTheIdentity(renewingExpired(parseError, credentials), credentials),
    dialect: HUAWEI_DIALECT,
    ...transportTuning(options),
  });
}

/**
 * The API gateway's answer to credentials that have expired: APIGW.0307 "The token must be
 * updated." (HTTP 401; API Gateway's error code table, also spelled APIG.0307 in Huawei's FAQ
 * pages). Which code it gives expired temporary AK/SK is *unverified*; 0307 is the documented one.
 */
const EXPIRED_CODES = new Set(["APIGW.0307", "APIG.0307"]);

/**
 * Temporary credentials are renewed before they expire by our clock; when the gateway's clock
 * says they already have (APIGW.0307), they are dropped and the call is sent again with fresh
 * ones: the gateway refused before doing anything. Static credentials cannot be renewed: the
 * refusal stands.
 */
function renewingExpired(parseError: ErrorParser, credentials: CredentialProvider<HuaweiCredentials>): ErrorParser {
  return (response, site) => {
    const error = parseError(response, site);
    if (!error || !EXPIRED_CODES.has(error.code) || !credentials.invalidate?.()) return error;
    return new CloudError({ ...error.details(), retryable: true, ambiguous: false });
  };
}

/**
 * Refusals of the credentials (401, APIGW.03xx) and of a permission (403) say which source and
 * identity were used: with six sources and agencies, "HW_ACCESS_KEY is wrong" may not be it.
 */
function namingTheIdentity(parseError: ErrorParser, credentials: CredentialProvider<HuaweiCredentials>): ErrorParser {
  return (response, site) => {
    const error = parseError(response, site);
    if (!error || error.retryable) return error;
    if (error.status === 401 || error.code.startsWith("APIGW.03")) {
      return error.withHint(`the credentials (${credentials.describe()}) are valid for this account and the machine's clock is right`);
    }
    if (error.status === 403) return error.withHint(`${error.hint ?? "the identity is allowed this operation on this resource"} (identity: ${credentials.describe()})`);
    return error;
  };
}
