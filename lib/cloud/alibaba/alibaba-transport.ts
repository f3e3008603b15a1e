import { ClientOptions, transportTuning } from "../client-options";
import { ErrorParser, HttpTransport } from "../http-transport";
import { alibabaCredentialsFromEnv } from "./alibaba-credentials";
import { AlibabaService, alibabaBaseUrl } from "./alibaba-endpoints";
import { AlibabaSigner } from "./alibaba-signer";

export interface AlibabaClientOptions extends ClientOptions {
  readonly region: string;
  /** Source of `x-acs-signature-nonce`; injectable for tests. @default a random UUID */
  readonly nonce?: () => string;
}

/** A transport for one Alibaba Cloud ROA service in one region, credentials from the environment. */
export function alibabaTransport(service: AlibabaService, parseError: ErrorParser, options: AlibabaClientOptions): HttpTransport {
  const env = options.env ?? process.env;
  return new HttpTransport({
    baseUrl: alibabaBaseUrl(service, options.region, env),
    signer: new AlibabaSigner(alibabaCredentialsFromEnv(env), options.nonce),
    parseError,
    requestIdHeaders: ["x-acs-request-id"],
    ...transportTuning(options),
  });
}
