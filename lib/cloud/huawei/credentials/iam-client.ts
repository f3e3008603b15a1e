import { CloudError } from "../../cloud-error";
import { HttpTransport, RequestSigner } from "../../http-transport";
import { huaweiBaseUrl } from "../huawei-endpoints";
import { huaweiErrorParser } from "../huawei-errors";
import { HuaweiSourceContext } from "./huawei-source-context";
import { HUAWEI_DIALECT } from "../huawei-dialect";

/** Temporary AK/SK as IAM's securitytokens and the ECS metadata service answer them. */
export interface TemporaryCredentialBody {
  readonly credential?: { readonly access?: string; readonly secret?: string; readonly securitytoken?: string; readonly expires_at?: string };
}

/** An IAM token from `X-Subject-Token`, with its end as IAM states it. */
export interface IssuedToken {
  readonly token: string;
  readonly expiresAt?: string;
  readonly serverTime?: Date;
}

const parseError = huaweiErrorParser({ busyCodes: new Set(), notFoundCodes: new Set() });

const UNSIGNED: RequestSigner = { sign: () => ({}) };

/**
 * The few IAM calls credential sources make (Huawei IAM API: `POST /v3/auth/tokens`,
 * `/v3.0/OS-AUTH/id-token/tokens`, `/v3.0/OS-CREDENTIAL/securitytokens`), on the region's IAM
 * endpoint (moved by CDKTF_ENCRYPTION_ENDPOINT like every service), and STS's
 * `POST /v5/agencies/assume` on the region's STS endpoint. Network failures, 5xx and throttling
 * (429, APIGW.0308) are retried by the transport within the run's deadline; refusals (4xx) are not.
 */
export class HuaweiIamClient {
  private readonly transport: HttpTransport;

  constructor(ctx: HuaweiSourceContext, signer: RequestSigner = UNSIGNED, service: "iam" | "sts" = "iam") {
    this.transport = new HttpTransport({
      baseUrl: huaweiBaseUrl(service, ctx.region, ctx.env),
      signer,
      parseError,
      dialect: HUAWEI_DIALECT,
      clock: ctx.clock,
      log: ctx.log,
      // The run's environment, not process.env: proxies and CDKTF_ENCRYPTION_CONNECT_TO as every service.
      env: ctx.env,
    });
  }

  /** A token from `POST /v3/auth/tokens` (password or token method); the token is in `X-Subject-Token`. */
  async createToken(body: unknown, operation: string): Promise<IssuedToken> {
    const result = await this.transport.call<{ token?: { expires_at?: string } }>({
      service: "IAM",
      operation,
      method: "POST",
      path: "/v3/auth/tokens",
      body,
      idempotent: true,
    });
    return { token: subjectToken(result.headers, operation), expiresAt: result.body.token?.expires_at, serverTime: result.serverTime };
  }

  /** A federated token for an OpenID Connect ID token: `POST /v3.0/OS-AUTH/id-token/tokens` with `X-Idp-Id`. */
  async createTokenWithIdToken(idpId: string, body: unknown): Promise<IssuedToken> {
    const operation = "CreateTokenWithIdToken";
    const result = await this.transport.call<{ token?: { expires_at?: string } }>({
      service: "IAM",
      operation,
      resource: `identity provider ${idpId}`,
      method: "POST",
      path: "/v3.0/OS-AUTH/id-token/tokens",
      headers: { "X-Idp-Id": idpId },
      body,
      idempotent: true,
    });
    return { token: subjectToken(result.headers, operation), expiresAt: result.body.token?.expires_at, serverTime: result.serverTime };
  }

  /** Temporary AK/SK of an agency from STS v5: `POST /v5/agencies/assume` (construct with service `sts`). */
  async assumeAgencyV5(body: unknown, resource: string): Promise<{ body: AssumedAgencyBody; serverTime?: Date }> {
    const result = await this.transport.call<AssumedAgencyBody>(assumeAgencyV5Call(body, resource));
    return { body: result.body, serverTime: result.serverTime };
  }

  /** Temporary AK/SK and security token: `POST /v3.0/OS-CREDENTIAL/securitytokens`. */
  async createSecurityToken(body: unknown, operation: string, resource?: string): Promise<{ body: TemporaryCredentialBody; serverTime?: Date }> {
    const result = await this.transport.call<TemporaryCredentialBody>({
      service: "IAM",
      operation,
      resource,
      method: "POST",
      path: "/v3.0/OS-CREDENTIAL/securitytokens",
      body,
      idempotent: true,
    });
    return { body: result.body, serverTime: result.serverTime };
  }
}

/** Temporary AK/SK as STS v5 answers them (Go SDK `services/sts/v1/model/model_credentials_dto.go`). */
export interface AssumedAgencyBody {
  readonly credentials?: { readonly access_key_id?: string; readonly secret_access_key?: string; readonly security_token?: string; readonly expiration?: string };
}

export function assumeAgencyV5Call(body: unknown, resource: string) {
  return { service: "STS", operation: "AssumeAgency", resource, method: "POST", path: "/v5/agencies/assume", body, idempotent: true } as const;
}

function subjectToken(headers: Record<string, string>, operation: string): string {
  const token = headers["x-subject-token"];
  if (!token) {
    throw new CloudError({
      service: "IAM",
      operation,
      code: "MalformedResponse",
      message: "the answer has no X-Subject-Token header",
      hint: "a proxy between you and IAM may have answered instead of IAM",
      retryable: false,
    });
  }
  return token;
}

/** A CloudError from IAM in words for a credential source's message: code, message, request id. */
export function describeIamRefusal(error: CloudError): string {
  return `${error.status ? `HTTP ${error.status} ` : ""}${error.code}: ${error.detail}${error.requestId ? ` (request id ${error.requestId})` : ""}`;
}
