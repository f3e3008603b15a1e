import { AlibabaIdentities, alibabaExpiration } from "../alibaba-identities";
import { EmulatorService, Route, Verdict } from "../emulator-service";
import { HttpReply } from "../http-reply";

/**
 * A credentials URI endpoint (`ALIBABA_CLOUD_CREDENTIALS_URI`), as a sidecar or vault agent
 * serves it: `GET /credentials-uri` → the fixture's role's temporary credentials with
 * `Code: "Success"`. Inject a fault (`service: credentials_uri`) for garbage answers.
 */
export class CredentialsUriService implements EmulatorService {
  readonly name = "credentials_uri";
  readonly signing = "alibaba" as const;
  readonly requestIdHeader = "x-acs-request-id";
  readonly routes: readonly Route[];

  constructor(private readonly identities: AlibabaIdentities) {
    this.routes = [{ operation: "GetCredentials", method: "GET", pattern: /^\/credentials-uri$/, mutating: false, handle: () => this.serve() }];
  }

  authenticate(): Verdict {
    return { caller: { accessKey: "-", readOnly: true, principal: `credentials uri for ${this.identities.credentialsUriRole ?? "(none)"}` } };
  }

  errorReply(status: number, code: string, message: string): HttpReply {
    return new HttpReply(status, { Code: code, Message: message });
  }

  deniedReply(_operation: string, requestId: string): HttpReply {
    return this.errorReply(403, "Forbidden", requestId);
  }

  snapshot(): unknown {
    return { role: this.identities.credentialsUriRole ?? null };
  }

  load(): void {}

  patch(): void {
    throw new HttpReply(400, { error: "the credentials URI's role is set through the sts fixture slice" });
  }

  private serve(): HttpReply {
    const role = this.identities.credentialsUriRole;
    if (!role) return this.errorReply(404, "NotFound", "no role configured for the credentials URI");
    const issued = this.identities.issue(`role ${role}`, this.identities.instanceCredentialsSeconds);
    return new HttpReply(200, {
      Code: "Success",
      AccessKeyId: issued.accessKeyId,
      AccessKeySecret: issued.accessKeySecret,
      SecurityToken: issued.securityToken,
      Expiration: alibabaExpiration(issued.expiresAt),
    });
  }
}
