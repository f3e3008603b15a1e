import { ClientOptions, transportTuning } from "../client-options";
import { CredentialProvider, ProvidedCredentialsSigner } from "../credential-provider";
import { ErrorParser, HttpTransport } from "../http-transport";
import { HuaweiCredentials, huaweiCredentialProvider } from "./huawei-credentials";
import { HuaweiService, huaweiBaseUrl } from "./huawei-endpoints";
import { HuaweiSigner } from "./huawei-signer";

export interface HuaweiClientOptions extends ClientOptions {
  readonly region: string;
  readonly projectId: string;
  /** Where signing credentials come from. @default the environment's credential chain */
  readonly credentials?: CredentialProvider<HuaweiCredentials>;
}

/** A transport for one Huawei Cloud service in one region and project, from the environment. */
export function huaweiTransport(service: HuaweiService, parseError: ErrorParser, options: HuaweiClientOptions): HttpTransport {
  const env = options.env ?? process.env;
  return new HttpTransport({
    baseUrl: huaweiBaseUrl(service, options.region, env),
    signer: new ProvidedCredentialsSigner(options.credentials ?? huaweiCredentialProvider(env), (c) => new HuaweiSigner(c, options.projectId)),
    parseError,
    requestIdHeaders: ["x-request-id", "x-openstack-request-id"],
    ...transportTuning(options),
  });
}
