import { Clock } from "../../clock";
import { CredentialProvider } from "../../credential-provider";
import { registerSecret } from "../../redact";
import { AlibabaCredentials } from "../alibaba-credentials";

/** Credentials with the time they stop working, as STS, metadata and URIs hand them out. */
export interface ExpiringCredentials {
  readonly credentials: AlibabaCredentials;
  /** Epoch ms of `Expiration`; undefined for credentials that do not expire. */
  readonly expiresAt?: number;
}

/** Refreshed this long before `Expiration`, as the official SDKs do (180 s). */
export const REFRESH_MARGIN_MS = 180_000;

/**
 * Temporary credentials from a source's answer; hides them from every log from now on (the key
 * id too, as the Redactor treats key ids from the environment).
 */
export function temporaryCredentials(accessKeyId: string, accessKeySecret: string, securityToken: string | undefined, expiration: string | undefined): ExpiringCredentials {
  registerSecret(accessKeyId);
  registerSecret(accessKeySecret);
  registerSecret(securityToken);
  const expiresAt = expiration ? Date.parse(expiration) : NaN;
  return { credentials: { accessKeyId, accessKeySecret, securityToken }, expiresAt: Number.isNaN(expiresAt) ? undefined : expiresAt };
}

/**
 * A provider that fetches credentials on first use and again when they are within
 * {@link REFRESH_MARGIN_MS} of expiring on `clock`; concurrent callers share one fetch.
 */
export class RefreshingCredentials implements CredentialProvider<AlibabaCredentials> {
  private current?: ExpiringCredentials;
  private pending?: Promise<ExpiringCredentials>;

  constructor(
    private readonly fetch: () => Promise<ExpiringCredentials>,
    private readonly clock: Clock,
    private readonly description: () => string,
  ) {}

  async get(): Promise<AlibabaCredentials> {
    const current = this.current;
    if (current && (current.expiresAt === undefined || current.expiresAt - this.clock.now() > REFRESH_MARGIN_MS)) return current.credentials;
    this.pending ??= this.fetch().finally(() => (this.pending = undefined));
    this.current = await this.pending;
    return this.current.credentials;
  }

  describe(): string {
    return this.description();
  }
}
