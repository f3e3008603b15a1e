import { huaweiErrorReply } from "../huawei-error-reply";
import { HttpReply } from "../http-reply";
import { EmulatorService, Route, Verdict } from "../emulator-service";
import { HuaweiIamService } from "./huawei-iam";

/**
 * The ECS instance metadata service's security key: temporary AK/SK of the agency attached to
 * the emulated instance (`GET /openstack/latest/securitykey`), unauthenticated as on an ECS.
 * Without an attached agency it answers 401 with the text the official Go SDK looks for.
 */
export class EcsMetadataService implements EmulatorService {
  readonly name = "ecs_metadata";
  readonly signing = "huawei" as const;
  readonly requestIdHeader = "x-request-id";
  readonly routes: readonly Route[] = [
    {
      operation: "GetSecurityKey",
      method: "GET",
      pattern: /^\/openstack\/latest\/securitykey$/,
      mutating: false,
      handle: () => {
        const t = this.iam.instanceCredentials();
        if (!t) return new HttpReply(401, { error_msg: "Please configure Cloud Service Agency first" });
        return new HttpReply(200, { credential: { access: t.access, secret: t.secret, securitytoken: t.securitytoken, expires_at: new Date(t.expiresAt).toISOString() } });
      },
    },
  ];

  constructor(private readonly iam: HuaweiIamService) {}

  /** Unauthenticated, as on an ECS: reaching the address is the credential. */
  authenticate(): Verdict {
    return { caller: { accessKey: "-", readOnly: true } };
  }

  readonly errorReply = huaweiErrorReply;

  deniedReply(_operation: string, requestId: string): HttpReply {
    return this.errorReply(403, "Forbidden", "Forbidden", requestId);
  }

  /** Its state is the IAM slice's `instance_agency`. */
  snapshot(): unknown {
    return undefined;
  }

  load(): void {}

  patch(): void {
    throw new HttpReply(400, { error: "patch the iam service's instance_agency instead" });
  }
}
