import { randomUUID, timingSafeEqual } from "node:crypto";
import { rpcSignature } from "../../cloud/alibaba/rpc-hmac-sha1";
import { AlibabaAccount } from "../alibaba-gateway";
import { AlibabaIdentities, AlibabaIdentityWorld, IssuedCredentials, alibabaExpiration } from "../alibaba-identities";
import { EmulatorService, RawRequest, Route, RouteRequest, ServiceContext, Verdict } from "../emulator-service";
import { HttpReply } from "../http-reply";

/** The signature's freshness window, as the gateway's for ACS3. */
const MAX_SKEW_MS = 15 * 60 * 1000;

/**
 * Alibaba Cloud STS (RPC style, 2015-04-01): `AssumeRole` signed with RPC signature 1.0
 * (HMAC-SHA1) as `@alicloud/credentials` signs it, and `AssumeRoleWithOIDC`, unsigned, the
 * token as proof. Answers and errors in the RPC shape (`RequestId`, `Code`, `Message`).
 * The error codes for refusals are *unverified* beyond `NoPermission`, `EntityNotExist.Role`,
 * `SignatureDoesNotMatch` and `InvalidAccessKeyId.NotFound`.
 */
export class AlibabaStsService implements EmulatorService {
  readonly name = "sts";
  readonly signing = "alibaba" as const;
  readonly requestIdHeader = "x-acs-request-id";
  readonly routes: readonly Route[];
  private readonly nonces = new Set<string>();

  constructor(
    private readonly ctx: ServiceContext,
    readonly identities: AlibabaIdentities,
    private readonly accountOf: (accessKeyId: string) => AlibabaAccount | undefined,
  ) {
    this.routes = [
      { operation: "AssumeRole", method: "POST", pattern: /^\/$/, action: "AssumeRole", mutating: false, handle: (r) => this.assumeRole(r) },
      { operation: "AssumeRoleWithOIDC", method: "POST", pattern: /^\/$/, action: "AssumeRoleWithOIDC", mutating: false, handle: (r) => this.assumeRoleWithOidc(r) },
    ];
  }

  authenticate(request: RawRequest): Verdict {
    const params = rpcParams(request.query, request.headers, request.body);
    if (params.Action === "AssumeRoleWithOIDC") return { caller: { accessKey: "-", readOnly: false, principal: `oidc ${params.OIDCProviderArn ?? "?"}` } };
    if (params.SignatureMethod !== "HMAC-SHA1" || params.SignatureVersion !== "1.0") {
      return refuse(400, "InvalidParameter.SignatureMethod", "Specified signature method or version is not supported (expected HMAC-SHA1, 1.0).");
    }
    const account = params.AccessKeyId ? this.accountOf(params.AccessKeyId) : undefined;
    if (!account) return refuse(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
    const timestamp = Date.parse(params.Timestamp ?? "");
    if (Number.isNaN(timestamp) || Math.abs(Date.now() - timestamp) > MAX_SKEW_MS) return refuse(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
    if (account.securityToken !== undefined && params.SecurityToken !== account.securityToken) return refuse(400, "InvalidSecurityToken.Malformed", "Specified SecurityToken is malformed or missing.");
    if (account.expiresAt !== undefined && this.identities.now() >= account.expiresAt) return refuse(400, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired.");
    const { Signature: signature = "", ...signed } = params;
    const expected = rpcSignature(request.method, signed, account.accessKeySecret);
    if (expected.length !== signature.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) {
      return refuse(400, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation.");
    }
    if (this.nonces.has(params.SignatureNonce ?? "")) return refuse(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
    this.nonces.add(params.SignatureNonce ?? "");
    return { caller: { accessKey: account.accessKeyId, readOnly: false, principal: account.principal } };
  }

  errorReply(status: number, code: string, message: string, requestId: string): HttpReply {
    return new HttpReply(status, { RequestId: requestId, HostId: "sts.aliyuncs.com", Code: code, Message: message, Recommend: `https://api.aliyun.com/troubleshoot?q=${code}` });
  }

  deniedReply(_operation: string, requestId: string): HttpReply {
    return this.errorReply(403, "NoPermission", "You are not authorized to do this action. You should be authorized by RAM.", requestId);
  }

  snapshot(): unknown {
    return this.identities.snapshot();
  }

  load(slice: unknown): void {
    this.identities.load(slice as AlibabaIdentityWorld | undefined);
    this.nonces.clear();
  }

  patch(): void {
    throw new HttpReply(400, { error: "the sts identities are set through the fixture (POST /_emulator/reset)" });
  }

  private assumeRole(request: RouteRequest): HttpReply {
    const params = merged(request);
    const role = this.roleFor(params);
    const caller = request.caller.principal ?? request.caller.accessKey;
    if (!role.trusted_principals.includes(caller) && !role.trusted_principals.includes(request.caller.accessKey)) throw this.denied();
    return this.issue(role.arn, params);
  }

  private assumeRoleWithOidc(request: RouteRequest): HttpReply {
    const params = merged(request);
    const provider = this.identities.oidcProvider(params.OIDCProviderArn ?? "");
    if (!provider) throw this.error(404, "EntityNotExist.OIDCProvider", `The OIDC provider does not exist: ${params.OIDCProviderArn ?? ""}.`);
    if (!params.OIDCToken || !provider.tokens.includes(params.OIDCToken)) throw this.error(400, "AuthenticationFail.OIDCToken.Invalid", "The OIDC token is invalid.");
    // RoleSessionName is optional for AssumeRoleWithOIDC (the official model marks it required only for AssumeRole).
    const role = this.roleFor(params, false);
    if (!role.trusted_oidc_providers.includes(provider.arn)) throw this.denied();
    return this.issue(role.arn, params);
  }

  private roleFor(params: Record<string, string>, sessionNameRequired = true) {
    if (!params.RoleArn) throw this.error(400, "MissingRoleArn", "RoleArn is mandatory for this action.");
    if (sessionNameRequired && !params.RoleSessionName) throw this.error(400, "MissingRoleSessionName", "RoleSessionName is mandatory for this action.");
    const role = this.identities.role(params.RoleArn);
    if (!role) throw this.error(404, "EntityNotExist.Role", `The role not exists: ${params.RoleArn}.`);
    return role;
  }

  private issue(roleArn: string, params: Record<string, string>): HttpReply {
    const role = this.identities.role(roleArn)!;
    const seconds = Number(params.DurationSeconds ?? 3600);
    const max = role.max_session_seconds ?? 3600;
    if (!Number.isInteger(seconds) || seconds < 900 || seconds > max) {
      throw this.error(400, "InvalidParameter.DurationSeconds", `The parameter DurationSeconds must be between 900 and ${max} (the role's maximum session duration).`);
    }
    const issued: IssuedCredentials = this.identities.issue(`role ${role.arn}`, seconds);
    this.ctx.changed();
    const name = role.arn.split("/").pop();
    // *unverified*: the session name STS reports when an OIDC caller gave none.
    const session = params.RoleSessionName || "oidc-session";
    return new HttpReply(200, {
      RequestId: randomUUID(),
      AssumedRoleUser: { Arn: `acs:ram::${role.arn.split(":")[3]}:assumed-role/${name}/${session}`, AssumedRoleId: `3${issued.accessKeyId.slice(6, 20)}:${session}` },
      Credentials: { AccessKeyId: issued.accessKeyId, AccessKeySecret: issued.accessKeySecret, SecurityToken: issued.securityToken, Expiration: alibabaExpiration(issued.expiresAt) },
    });
  }

  private denied(): HttpReply {
    return this.deniedReply("AssumeRole", randomUUID());
  }

  private error(status: number, code: string, message: string): HttpReply {
    return this.errorReply(status, code, message, randomUUID());
  }
}

/** Query and form body together: the RPC gateway reads parameters from either. */
function rpcParams(query: URLSearchParams, headers: Record<string, string>, body: Buffer): Record<string, string> {
  const params: Record<string, string> = Object.fromEntries(query);
  if (headers["content-type"]?.startsWith("application/x-www-form-urlencoded")) Object.assign(params, Object.fromEntries(new URLSearchParams(body.toString("utf8"))));
  return params;
}

function merged(request: RouteRequest): Record<string, string> {
  return { ...Object.fromEntries(request.query), ...((request.body as Record<string, string> | undefined) ?? {}) };
}

function refuse(status: number, code: string, message: string): Verdict {
  return { status, code, message };
}
