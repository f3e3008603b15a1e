import { randomUUID } from "node:crypto";
import { ALIBABA_ACCOUNT_ID, AlibabaIdentities, alibabaExpiration } from "../alibaba-identities";
import { EmulatorService, RawRequest, Route, ServiceContext, Verdict } from "../emulator-service";
import { HttpReply } from "../http-reply";

const TEXT = { "content-type": "text/plain" };
const CREDENTIALS = "^/latest/meta-data/ram/security-credentials/";

/**
 * The ECS instance metadata service (`100.100.100.200` on a real instance), in hardened mode:
 * every read needs an IMDSv2 token from `PUT /latest/api/token`. Serves the attached RAM
 * role's name and its temporary credentials. The mode and refusal codes are *unverified*.
 */
export class AlibabaMetadataService implements EmulatorService {
  readonly name = "alibaba_metadata";
  readonly signing = "alibaba" as const;
  readonly requestIdHeader = "x-acs-request-id";
  readonly routes: readonly Route[];
  private readonly tokens = new Map<string, number>();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly identities: AlibabaIdentities,
  ) {
    this.routes = [
      { operation: "MetadataToken", method: "PUT", pattern: /^\/latest\/api\/token$/, mutating: false, handle: (r) => this.token(r.headers) },
      { operation: "MetadataRoleName", method: "GET", pattern: new RegExp(`${CREDENTIALS}$`), mutating: false, handle: () => this.roleName() },
      { operation: "MetadataRoleCredentials", method: "GET", pattern: new RegExp(`${CREDENTIALS}(?<role>[^/]+)$`), mutating: false, handle: (r) => this.credentials(r.params.role) },
    ];
  }

  authenticate(request: RawRequest): Verdict {
    const principal = `instance role ${this.identities.instanceRole ?? "(none)"}`;
    if (request.method === "PUT") return { caller: { accessKey: "-", readOnly: true, principal } };
    const token = request.headers["x-aliyun-ecs-metadata-token"];
    const expires = token ? this.tokens.get(token) : undefined;
    if (expires === undefined || this.ctx.clock.now() >= expires) return { status: 401, code: "Unauthorized", message: "a valid x-aliyun-ecs-metadata-token is required (IMDSv2)" };
    return { caller: { accessKey: "-", readOnly: true, principal } };
  }

  errorReply(status: number, code: string, message: string): HttpReply {
    return new HttpReply(status, `${code}: ${message}`, TEXT);
  }

  deniedReply(operation: string): HttpReply {
    return this.errorReply(403, "Forbidden", operation);
  }

  snapshot(): unknown {
    return { instance_role: this.identities.instanceRole ?? null };
  }

  load(): void {
    this.tokens.clear();
  }

  patch(): void {
    throw new HttpReply(400, { error: "the instance role is set through the sts fixture slice" });
  }

  private token(headers: Record<string, string>): HttpReply {
    const ttl = Number(headers["x-aliyun-ecs-metadata-token-ttl-seconds"]);
    if (!Number.isInteger(ttl) || ttl < 1 || ttl > 21600) return this.errorReply(400, "InvalidParameter", "x-aliyun-ecs-metadata-token-ttl-seconds must be 1 to 21600");
    const token = randomUUID();
    this.tokens.set(token, this.ctx.clock.now() + ttl * 1000);
    return new HttpReply(200, token, TEXT);
  }

  private roleName(): HttpReply {
    return new HttpReply(200, this.identities.instanceRole ?? "", TEXT);
  }

  private credentials(role: string): HttpReply {
    if (role !== this.identities.instanceRole) return this.errorReply(404, "NotFound", `no RAM role ${role} attached to this instance`);
    const issued = this.identities.issue(`role acs:ram::${ALIBABA_ACCOUNT_ID}:role/${role}`, this.identities.instanceCredentialsSeconds);
    return new HttpReply(200, {
      AccessKeyId: issued.accessKeyId,
      AccessKeySecret: issued.accessKeySecret,
      Expiration: alibabaExpiration(issued.expiresAt),
      SecurityToken: issued.securityToken,
      LastUpdated: alibabaExpiration(this.ctx.clock.now()),
      Code: "Success",
    });
  }
}
