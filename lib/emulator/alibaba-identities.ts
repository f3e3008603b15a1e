import { randomBytes, randomUUID } from "node:crypto";
import { EmulatorClock } from "./emulator-clock";
import { ALIBABA_ACCOUNT_ID, ALIBABA_IDENTITIES, alibabaIdentityWorld } from "./fixture";

export { ALIBABA_ACCOUNT_ID, ALIBABA_IDENTITIES, alibabaIdentityWorld };

/** A RAM role of the emulated account and who may assume it. */
export interface RamRole {
  readonly arn: string;
  /**
   * Principals allowed to call `AssumeRole`: AccessKey ids of RAM users, or
   * `role acs:ram::…:role/name` for role chaining.
   */
  readonly trusted_principals: readonly string[];
  /** OIDC provider ARNs whose tokens may `AssumeRoleWithOIDC` into this role. */
  readonly trusted_oidc_providers: readonly string[];
  /** @default 3600 */
  readonly max_session_seconds?: number;
}

export interface OidcProvider {
  readonly arn: string;
  /** Tokens this provider vouches for (the emulator does not check JWT signatures). */
  readonly tokens: readonly string[];
}

/** Temporary credentials the emulator issued, valid until `expiresAt` on its clock. */
export interface IssuedCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken: string;
  readonly principal: string;
  readonly expiresAt: number;
}

export interface AlibabaIdentityWorld {
  roles?: RamRole[];
  oidc_providers?: OidcProvider[];
  /** Role name of the RAM role attached to the emulated ECS instance (IMDS). */
  instance_role?: string | null;
  /** ARN of the role whose credentials the emulated credentials URI serves. */
  credentials_uri_role?: string | null;
  /** Lifetime of metadata and URI credentials. @default 3600 */
  instance_credentials_seconds?: number;
}

/**
 * The emulated account's identities (RAM roles, OIDC providers, the instance's role) and the
 * temporary credentials issued for them, shared by STS, instance metadata, the credentials URI
 * and the gateway that accepts the credentials until they expire on the emulator's clock.
 */
export class AlibabaIdentities {
  private world: Required<AlibabaIdentityWorld> = emptyWorld();
  private readonly issued = new Map<string, IssuedCredentials>();

  constructor(private readonly clock: EmulatorClock) {}

  load(slice: AlibabaIdentityWorld | undefined): void {
    const { roles, oidc_providers, instance_role, credentials_uri_role, instance_credentials_seconds } = { ...emptyWorld(), ...(slice ?? {}) };
    this.world = { roles, oidc_providers, instance_role, credentials_uri_role, instance_credentials_seconds };
    this.issued.clear();
  }

  role(arn: string): RamRole | undefined {
    return this.world.roles.find((r) => r.arn.toLowerCase() === arn.toLowerCase());
  }

  oidcProvider(arn: string): OidcProvider | undefined {
    return this.world.oidc_providers.find((p) => p.arn === arn);
  }

  get instanceRole(): string | undefined {
    return this.world.instance_role ?? undefined;
  }

  get credentialsUriRole(): string | undefined {
    return this.world.credentials_uri_role ?? undefined;
  }

  get instanceCredentialsSeconds(): number {
    return this.world.instance_credentials_seconds;
  }

  /** New temporary credentials acting as `principal` for `seconds` of emulator time. */
  issue(principal: string, seconds: number): IssuedCredentials {
    const credentials: IssuedCredentials = {
      accessKeyId: `STS.NT${randomBytes(10).toString("hex")}`,
      accessKeySecret: randomBytes(18).toString("base64url"),
      securityToken: `CAIS${randomUUID().replace(/-/g, "")}${randomBytes(12).toString("hex")}`,
      principal,
      expiresAt: this.clock.now() + seconds * 1000,
    };
    this.issued.set(credentials.accessKeyId, credentials);
    return credentials;
  }

  /** Every temporary credential issued since the last load. */
  issuedCredentials(): IssuedCredentials[] {
    return [...this.issued.values()];
  }

  temporary(accessKeyId: string): IssuedCredentials | undefined {
    return this.issued.get(accessKeyId);
  }

  /** The emulator's business time, which judges expiry. */
  now(): number {
    return this.clock.now();
  }

  snapshot(): unknown {
    return {
      roles: this.world.roles,
      oidc_providers: this.world.oidc_providers,
      instance_role: this.world.instance_role,
      credentials_uri_role: this.world.credentials_uri_role,
      issued: [...this.issued.values()].map((c) => ({ access_key_id: c.accessKeyId, principal: c.principal, expiration: new Date(c.expiresAt).toISOString() })),
    };
  }
}

/** `2024-01-01T00:00:00Z`, as STS and the metadata service write `Expiration`. */
export function alibabaExpiration(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function emptyWorld(): Required<AlibabaIdentityWorld> {
  return { roles: [], oidc_providers: [], instance_role: null, credentials_uri_role: null, instance_credentials_seconds: 3600 };
}
