import { ClientOptions, transportTuning } from "../client-options";
import { CredentialProvider, ProvidedCredentialsSigner } from "../credential-provider";
import { ErrorParser, HttpTransport } from "../http-transport";
import { AlibabaCredentials } from "./alibaba-credentials";
import { AlibabaService, alibabaBaseUrl } from "./alibaba-endpoints";
import { AlibabaSigner } from "./alibaba-signer";
import { alibabaCredentialChain } from "./credentials/alibaba-credential-chain";

export interface AlibabaClientOptions extends ClientOptions {
  readonly region: string;
  /** Source of `x-acs-signature-nonce`; injectable for tests. @default a random UUID */
  readonly nonce?: () => string;
  /** Where signing credentials come from. @default the environment's credential chain */
  readonly credentials?: CredentialProvider<AlibabaCredentials>;
}

/** A transport for one Alibaba Cloud ROA service in one region, credentials from the environment's chain. */
export function alibabaTransport(service: AlibabaService, parseError: ErrorParser, options: AlibabaClientOptions): HttpTransport {
  const env = options.env ?? process.env;
  return new HttpTransport({
    baseUrl: alibabaBaseUrl(service, options.region, env),
    signer: new ProvidedCredentialsSigner(options.credentials ?? alibabaCredentialChain(env, options), (c) => new AlibabaSigner(c, options.nonce)),
    parseError,
    requestIdHeaders: ["x-acs-request-id"],
    ...transportTuning(options),
  });
}
