import { randomBytes } from "node:crypto";
import { huaweiErrorReply } from "../huawei-error-reply";
import { HuaweiAccount, HuaweiToken } from "../huawei-gateway";
import { HttpReply } from "../http-reply";
import { EmulatorService, RawRequest, Route, RouteRequest, ServiceContext, Verdict } from "../emulator-service";

interface IamUser {
  name: string;
  domain_name: string;
  password?: string;
  access_keys?: string[];
  tokens?: string[];
}

interface IamAgency {
  agency_name: string;
  domain_name: string;
  domain_id: string;
  /** Principals allowed to assume it: `user alice`, `agency x in domain y`, `federated user of identity provider z`. */
  trusted: string[];
}

interface IamIdentityProvider {
  id: string;
  domain_name: string;
  /** ID tokens it accepts (the emulator does not verify JWT signatures). */
  accepted_tokens: string[];
}

interface IamWorld {
  users?: IamUser[];
  agencies?: IamAgency[];
  identity_providers?: IamIdentityProvider[];
  instance_agency?: { agency_name: string; domain_name: string } | null;
}

interface Temporary {
  readonly access: string;
  readonly secret: string;
  readonly securitytoken: string;
  readonly principal: string;
  readonly expiresAt: number;
}

const UNSIGNED_PATHS = new Set(["/v3/auth/tokens", "/v3.0/OS-AUTH/id-token/tokens"]);

/** IAM tokens live 24 h (IAM API "Obtaining an IAM User Token"). */
const TOKEN_LIFETIME_S = 86_400;
/** IAM's range for temporary keys' `duration_seconds`; 900 when not given. */
const MIN_DURATION_S = 900;
const MAX_DURATION_S = 86_400;
/**
 * STS `POST /v5/agencies/assume` (Go SDK `services/sts/v1/model/model_assume_agency_req_body.go`):
 * `duration_seconds` is optional; its default (3600) and range (900 to 43200) are *unverified*
 * (from the IAM v5 API pages, not from a model).
 */
const V5_DEFAULT_DURATION_S = 3_600;
const V5_MAX_DURATION_S = 43_200;

/**
 * Huawei IAM: user tokens (password and token methods), federated tokens for OIDC ID tokens,
 * and temporary AK/SK for an agency (assume_role) or for a token. What it issues expires on the
 * emulator's clock; the gateway accepts it until then and names who it belongs to.
 * Error codes of refusals (IAM.0101 login, IAM.0003 not allowed, IAM.0004 unknown agency,
 * IAM.0011 bad request) are *unverified*: IAM's error-code table was not available.
 */
export class HuaweiIamService implements EmulatorService {
  readonly name = "iam";
  readonly signing = "huawei" as const;
  readonly requestIdHeader = "x-request-id";
  private world: Required<IamWorld> = { users: [], agencies: [], identity_providers: [], instance_agency: null };
  private readonly tokens = new Map<string, { principal: string; expiresAt: number }>();
  private readonly temporaries = new Map<string, Temporary>();

  readonly routes: readonly Route[] = [
    { operation: "KeystoneCreateUserTokenByPassword", method: "POST", pattern: /^\/v3\/auth\/tokens$/, mutating: false, handle: (r) => this.createToken(r) },
    { operation: "CreateTokenWithIdToken", method: "POST", pattern: /^\/v3\.0\/OS-AUTH\/id-token\/tokens$/, mutating: false, handle: (r) => this.federate(r) },
    { operation: "CreateTemporaryAccessKey", method: "POST", pattern: /^\/v3\.0\/OS-CREDENTIAL\/securitytokens$/, mutating: false, handle: (r) => this.securityToken(r) },
    { operation: "AssumeAgency", method: "POST", pattern: /^\/v5\/agencies\/assume$/, mutating: false, handle: (r) => this.assumeAgencyV5(r) },
  ];

  constructor(
    private readonly ctx: ServiceContext,
    /** The Huawei API gateway's check, for the calls IAM takes signed (securitytokens). */
    private readonly gateway: (request: RawRequest) => Verdict,
  ) {}

  /**
   * Logins (password, ID token) take no signature; securitytokens is signed like any Huawei API,
   * or, with the token method, names its token in the body (`auth.identity.token.id`, which the
   * official model `IdentityToken` allows and the huaweicloud provider's OIDC exchange sends
   * without `X-Auth-Token`): the token is then the credential.
   */
  authenticate(request: RawRequest): Verdict {
    if (UNSIGNED_PATHS.has(request.path)) return { caller: { accessKey: "-", readOnly: false } };
    const bodyToken = request.headers["authorization"] || request.headers["x-auth-token"] ? undefined : tokenInBody(request.body);
    return this.gateway(bodyToken ? { ...request, headers: { ...request.headers, "x-auth-token": bodyToken } } : request);
  }

  readonly errorReply = huaweiErrorReply;

  deniedReply(_operation: string, requestId: string): HttpReply {
    return this.errorReply(403, "IAM.0003", "Policy doesn't allow this operation.", requestId);
  }

  /** The gateway's keys: the given ones, named after the fixture's users, and the temporary ones IAM issued. */
  accounts(fixed: readonly HuaweiAccount[]): HuaweiAccount[] {
    const owned = fixed.map((a) => ({ ...a, principal: a.principal ?? this.userOfKey(a.accessKey) }));
    const issued = [...this.temporaries.values()].map((t) => ({ accessKey: t.access, secretKey: t.secret, securityToken: t.securitytoken, expiresAt: t.expiresAt, principal: t.principal }));
    return [...owned, ...issued];
  }

  /** The gateway's tokens: the given ones, the fixture users' and those IAM issued. */
  gatewayTokens(fixed: readonly string[]): HuaweiToken[] {
    const users = this.world.users.flatMap((u) => (u.tokens ?? []).map((token) => ({ token, principal: `user ${u.name}` })));
    const known = new Set(users.map((u) => u.token));
    const given = fixed.filter((t) => !known.has(t)).map((token) => ({ token }));
    const issued = [...this.tokens.entries()].map(([token, t]) => ({ token, principal: t.principal, expiresAt: t.expiresAt }));
    return [...users, ...given, ...issued];
  }

  /** Temporary keys of the instance's agency, as the ECS metadata service hands them out. */
  instanceCredentials(): Temporary | undefined {
    const attached = this.world.instance_agency;
    return attached ? this.issue(`agency ${attached.agency_name} in domain ${attached.domain_name}`, 86_400) : undefined;
  }

  snapshot(): unknown {
    return {
      ...this.world,
      temporary_credentials: [...this.temporaries.values()].map((t) => ({ access: t.access, principal: t.principal, expires_at: new Date(t.expiresAt).toISOString() })),
      tokens_issued: this.tokens.size,
    };
  }

  load(slice: unknown): void {
    const world = (slice ?? {}) as IamWorld;
    this.world = {
      users: structuredClone(world.users ?? []),
      agencies: structuredClone(world.agencies ?? []),
      identity_providers: structuredClone(world.identity_providers ?? []),
      instance_agency: world.instance_agency ?? null,
    };
    this.tokens.clear();
    this.temporaries.clear();
  }

  patch(id: string, fields: Record<string, unknown>): void {
    const agency = this.world.agencies.find((a) => a.agency_name === id);
    if (!agency) throw new HttpReply(404, { error: `no agency ${id}` });
    Object.assign(agency, fields);
    this.ctx.changed();
  }

  private userOfKey(accessKey: string): string | undefined {
    const user = this.world.users.find((u) => u.access_keys?.includes(accessKey));
    return user ? `user ${user.name}` : undefined;
  }

  private createToken(r: RouteRequest): HttpReply {
    const identity = (r.body as { auth?: { identity?: Record<string, unknown> & { methods?: unknown } } } | undefined)?.auth?.identity;
    const methods = Array.isArray(identity?.methods) ? identity.methods : [];
    let principal: string;
    if (methods.includes("password")) {
      const user = (identity?.password as { user?: { name?: string; password?: string; domain?: { name?: string } } } | undefined)?.user;
      const found = this.world.users.find((u) => u.name === user?.name && u.domain_name === user?.domain?.name);
      if (!found || !found.password || found.password !== user?.password) {
        return refuse(401, "IAM.0101", "The username or password is wrong.");
      }
      principal = `user ${found.name}`;
    } else if (methods.includes("token")) {
      const id = (identity?.token as { id?: string } | undefined)?.id ?? r.headers["x-auth-token"];
      const valid = id ? this.gatewayTokens([]).find((t) => t.token === id && (t.expiresAt === undefined || t.expiresAt > this.ctx.clock.now())) : undefined;
      if (!valid?.principal) return refuse(401, "IAM.0101", "The token is invalid or has expired.");
      principal = valid.principal;
    } else {
      return refuse(400, "IAM.0011", "auth.identity.methods must be [\"password\"] or [\"token\"].");
    }
    return this.tokenReply(principal, methods as string[]);
  }

  private federate(r: RouteRequest): HttpReply {
    const idpId = r.headers["x-idp-id"];
    const idp = this.world.identity_providers.find((p) => p.id === idpId);
    if (!idp) return refuse(404, "IAM.0004", `The identity provider ${idpId ?? "(no X-Idp-Id)"} does not exist.`);
    const token = (r.body as { auth?: { id_token?: { id?: string } } } | undefined)?.auth?.id_token?.id;
    if (!token || !idp.accepted_tokens.includes(token)) return refuse(400, "IAM.0011", "The id_token is invalid.");
    return this.tokenReply(`federated user of identity provider ${idp.id}`, ["mapped"]);
  }

  private securityToken(r: RouteRequest): HttpReply {
    const identity = (r.body as { auth?: { identity?: Record<string, unknown> & { methods?: unknown } } } | undefined)?.auth?.identity;
    const methods = Array.isArray(identity?.methods) ? identity.methods : [];
    const caller = r.caller.principal;
    if (!caller) return refuse(403, "IAM.0003", "The caller is not an IAM identity.");
    if (methods.includes("assume_role")) {
      const ask = (identity?.assume_role ?? {}) as { agency_name?: string; domain_name?: string; domain_id?: string; duration_seconds?: number };
      const agency = this.world.agencies.find((a) => a.agency_name === ask.agency_name && (ask.domain_id ? a.domain_id === ask.domain_id : a.domain_name === ask.domain_name));
      if (!agency) return refuse(404, "IAM.0004", `The agency ${ask.agency_name} does not exist in domain ${ask.domain_name ?? ask.domain_id}.`);
      if (!agency.trusted.includes(caller)) return refuse(403, "IAM.0003", `Policy doesn't allow ${caller} to assume agency ${agency.agency_name}.`);
      const duration = this.duration(ask.duration_seconds);
      if (typeof duration !== "number") return duration;
      return this.credentialReply(this.issue(`agency ${agency.agency_name} in domain ${agency.domain_name}`, duration));
    }
    if (methods.includes("token")) {
      if (r.caller.accessKey !== "token") return refuse(400, "IAM.0011", "The token method needs X-Auth-Token.");
      const duration = this.duration((identity?.token as { duration_seconds?: number } | undefined)?.duration_seconds);
      if (typeof duration !== "number") return duration;
      return this.credentialReply(this.issue(caller, duration));
    }
    return refuse(400, "IAM.0011", "auth.identity.methods must be [\"assume_role\"] or [\"token\"].");
  }

  /**
   * STS v5: temporary keys of the agency `iam::{domain_id}:agency:{name}` for `agency_session_name`,
   * answered as `credentials.{access_key_id, secret_access_key, security_token, expiration}`
   * (Go SDK `model_credentials_dto.go`).
   */
  private assumeAgencyV5(r: RouteRequest): HttpReply {
    const body = (r.body ?? {}) as { agency_urn?: unknown; agency_session_name?: unknown; duration_seconds?: unknown };
    const caller = r.caller.principal;
    if (!caller) return refuse(403, "IAM.0003", "The caller is not an IAM identity.");
    if (typeof body.agency_session_name !== "string" || !body.agency_session_name) return refuse(400, "IAM.0011", "agency_session_name is required.");
    const urn = typeof body.agency_urn === "string" ? /^iam::([^:]+):agency:(.+)$/.exec(body.agency_urn) : null;
    if (!urn) return refuse(400, "IAM.0011", "agency_urn must be iam::{domain_id}:agency:{agency_name}.");
    const agency = this.world.agencies.find((a) => a.domain_id === urn[1] && a.agency_name === urn[2]);
    if (!agency) return refuse(404, "IAM.0004", `The agency ${urn[2]} does not exist in domain ${urn[1]}.`);
    if (!agency.trusted.includes(caller)) return refuse(403, "IAM.0003", `Policy doesn't allow ${caller} to assume agency ${agency.agency_name}.`);
    const duration = this.duration(body.duration_seconds, V5_DEFAULT_DURATION_S, V5_MAX_DURATION_S);
    if (typeof duration !== "number") return duration;
    const t = this.issue(`agency ${agency.agency_name} in domain ${agency.domain_name}`, duration);
    return new HttpReply(200, {
      credentials: { access_key_id: t.access, secret_access_key: t.secret, security_token: t.securitytoken, expiration: new Date(t.expiresAt).toISOString() },
      assumed_agency: { agency_session_urn: `${body.agency_urn}:session:${body.agency_session_name}` },
    });
  }

  private duration(value: unknown, byDefault = MIN_DURATION_S, max = MAX_DURATION_S): number | HttpReply {
    if (value === undefined) return byDefault;
    if (typeof value !== "number" || !Number.isInteger(value) || value < MIN_DURATION_S || value > max) {
      return refuse(400, "IAM.0011", `duration_seconds must be an integer from ${MIN_DURATION_S} to ${max}.`);
    }
    return value;
  }

  private issue(principal: string, durationSeconds: number): Temporary {
    const temporary: Temporary = {
      access: `TMPAK${randomBytes(8).toString("hex").toUpperCase()}`,
      secret: randomBytes(20).toString("hex"),
      securitytoken: `emulator-security-token-${randomBytes(24).toString("hex")}`,
      principal,
      expiresAt: this.ctx.clock.now() + durationSeconds * 1000,
    };
    this.temporaries.set(temporary.access, temporary);
    return temporary;
  }

  private credentialReply(t: Temporary): HttpReply {
    return new HttpReply(201, { credential: { access: t.access, secret: t.secret, securitytoken: t.securitytoken, expires_at: new Date(t.expiresAt).toISOString() } });
  }

  private tokenReply(principal: string, methods: string[]): HttpReply {
    const token = `emulator-iam-token-${randomBytes(24).toString("hex")}`;
    const now = this.ctx.clock.now();
    const expiresAt = now + TOKEN_LIFETIME_S * 1000;
    this.tokens.set(token, { principal, expiresAt });
    return new HttpReply(
      201,
      { token: { methods, expires_at: new Date(expiresAt).toISOString(), issued_at: new Date(now).toISOString(), user: { name: principal } } },
      { "x-subject-token": token },
    );
  }
}

/** `auth.identity.token.id` of a token-method body, if it is one. */
function tokenInBody(body: Buffer): string | undefined {
  try {
    const id = (JSON.parse(body.toString("utf8")) as { auth?: { identity?: { methods?: unknown; token?: { id?: unknown } } } })?.auth?.identity;
    return Array.isArray(id?.methods) && id.methods.includes("token") && typeof id.token?.id === "string" ? id.token.id : undefined;
  } catch {
    return undefined;
  }
}

/** An IAM refusal; the server adds the request id. */
function refuse(status: number, code: string, message: string): HttpReply {
  return new HttpReply(status, { error_code: code, error_msg: message });
}
