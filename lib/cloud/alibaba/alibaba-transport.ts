import { ClientOptions, transportTuning } from "../client-options";
import { CloudError } from "../cloud-error";
import { CredentialProvider, ProvidedCredentialsSigner } from "../credential-provider";
import { ErrorParser, HttpTransport } from "../http-transport";
import { AlibabaCredentials } from "./alibaba-credentials";
import { ALIBABA_DIALECT } from "./alibaba-dialect";
import { AlibabaService, alibabaBaseUrl } from "./alibaba-endpoints";
import { AlibabaSigner } from "./alibaba-signer";
import { DeclaredRole, alibabaCredentialChain } from "./credentials/alibaba-credential-chain";

export interface AlibabaClientOptions extends ClientOptions {
  readonly region: string;
  /** Source of `x-acs-signature-nonce`; injectable for tests. @default a random UUID */
  readonly nonce?: () => string;
  /** Where signing credentials come from. @default the environment's credential chain */
  readonly credentials?: CredentialProvider<AlibabaCredentials>;
  /**
   * The RAM role to act as, assumed with the environment's base credentials (one per role per
   * run, shared by the run's clients). Ignored when `credentials` is given.
   * @default the environment's own identity
   */
  readonly identity?: DeclaredRole;
}

/** A transport for one Alibaba Cloud ROA service in one region, credentials from the environment's chain. */
export function alibabaTransport(service: AlibabaService, parseError: ErrorParser, options: AlibabaClientOptions): HttpTransport {
  const env = options.env ?? process.env;
  const credentials = options.credentials ?? alibabaCredentialChain(env, options);
  return new HttpTransport({
    baseUrl: alibabaBaseUrl(service, options.region, env),
    signer: new ProvidedCredentialsSigner(credentials, (c) => new AlibabaSigner(c, options.nonce)),
    parseError: renewingExpired(parseError, credentials),
    dialect: ALIBABA_DIALECT,
    ...transportTuning(options),
  });
}

/** The headers that name an ACS3-signed call's API (action and API version), answers asked for in JSON. */
export function alibabaActionHeaders(action: string, apiVersion: string): Record<string, string> {
  return { "x-acs-action": action, "x-acs-version": apiVersion, accept: "application/json" };
}

/**
 * Temporary credentials are renewed before they expire by our clock; when the gateway says they
 * already have (`InvalidSecurityToken.Expired`, *unverified* code), they are dropped and the call
 * is sent again with fresh ones: the gateway refused before doing anything.
 */
function renewingExpired(parseError: ErrorParser, credentials: CredentialProvider<AlibabaCredentials>): ErrorParser {
  return (response, site) => {
    const error = parseError(response, site);
    if (!error || error.code !== "InvalidSecurityToken.Expired" || !credentials.invalidate?.()) return error;
    return new CloudError({ ...error.details(), retryable: true, ambiguous: false });
  };
}
