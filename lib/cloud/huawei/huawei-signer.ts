import { OutgoingRequest, RequestSigner } from "../http-transport";
import { HuaweiCredentials } from "./credentials/huawei-credential";
import { HUAWEI_ALGORITHM, huaweiSignature, sdkDate, sha256Hex, signedHeaderNames } from "./sdk-hmac-sha256";

/** Signs with SDK-HMAC-SHA256 (AK/SK), or attaches X-Auth-Token. */
export class HuaweiSigner implements RequestSigner {
  constructor(
    private readonly credentials: HuaweiCredentials,
    private readonly projectId?: string,
  ) {}

  sign(request: OutgoingRequest, now: Date): Record<string, string> {
    const added: Record<string, string> = {};
    if (this.projectId) added["X-Project-Id"] = this.projectId;
    if (this.credentials.kind === "token") {
      added["X-Auth-Token"] = this.credentials.authToken;
      return added;
    }
    added["X-Sdk-Date"] = sdkDate(now);
    if (this.credentials.securityToken) added["X-Security-Token"] = this.credentials.securityToken;
    const signed: Record<string, string> = { host: request.url.host, ...added };
    const contentType = headerValue(request.headers, "content-type");
    if (contentType !== undefined) signed["content-type"] = contentType;

    const query: Record<string, string[]> = {};
    for (const [key, value] of request.url.searchParams) (query[key] ??= []).push(value);
    const signature = huaweiSignature(
      { method: request.method, path: request.url.pathname, query, headers: signed, payloadHash: sha256Hex(request.body) },
      added["X-Sdk-Date"],
      this.credentials.secretKey,
    );
    added.Authorization = `${HUAWEI_ALGORITHM} Access=${this.credentials.accessKey}, SignedHeaders=${signedHeaderNames(signed)}, Signature=${signature}`;
    return added;
  }
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}
