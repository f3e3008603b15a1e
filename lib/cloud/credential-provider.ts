import { OutgoingRequest, RequestSigner } from "./http-transport";
import { SourceTried } from "./credentials/source-tried";
import { Log } from "../runtime/log";

/**
 * Where a cloud's signing credentials come from: one source (environment, profile file,
 * instance metadata, OIDC token, assumed role/agency, URI) or a chain of them. Temporary
 * credentials are refreshed by the provider before they expire, so a long wait keeps working.
 */
export interface CredentialProvider<C> {
  /** Credentials to sign the next request with; resolves the source on first use. */
  get(): Promise<C>;
  /**
   * The source and identity in words, never a secret, e.g.
   * `assumed agency deploy-agency in domain acme (from HW_ASSUME_ROLE_*)`. Meaningful after `get()`.
   */
  describe(): string;
  /**
   * The service refused the current credentials as expired (its clock ran ahead of ours):
   * forget them so the next `get()` fetches fresh ones. Returns false when the credentials
   * cannot be renewed (static keys), so the refusal stands.
   */
  invalidate?(): boolean;
  /**
   * For a chain: every source it tried, in order, and why each before the chosen one was passed
   * over (what `doctor` prints). Meaningful after `get()`.
   */
  sourcesTried?(): readonly SourceTried[];
}

/** A provider of credentials that never change: keys given in code or read once. */
export function fixedCredentials<C>(credentials: C, description: string): CredentialProvider<C> {
  return { get: async () => credentials, describe: () => description };
}

/**
 * Signs each request with the provider's current credentials: asks the provider for every
 * attempt (so refreshed temporary credentials take effect) and makes a signer only when the
 * credentials changed.
 */
export class ProvidedCredentialsSigner<C> implements RequestSigner {
  private current?: { credentials: C; signer: RequestSigner };

  constructor(
    private readonly provider: CredentialProvider<C>,
    private readonly signerFor: (credentials: C) => RequestSigner,
  ) {}

  async sign(request: OutgoingRequest, now: Date): Promise<Record<string, string>> {
    const credentials = await this.provider.get();
    if (this.current?.credentials !== credentials) this.current = { credentials, signer: this.signerFor(credentials) };
    return this.current.signer.sign(request, now);
  }
}

/**
 * The same provider, printing `credentials: {describe()}` once through the run's log when it
 * first resolves, so each run says which source and identity it used (never a secret).
 */
export function announcedOnFirstUse<C>(provider: CredentialProvider<C>, log: Log): CredentialProvider<C> {
  let announced = false;
  return {
    get: async () => {
      const credentials = await provider.get();
      if (!announced) {
        announced = true;
        log.info(`credentials: ${provider.describe()}`);
      }
      return credentials;
    },
    describe: () => provider.describe(),
    invalidate: provider.invalidate ? () => provider.invalidate!() : undefined,
    sourcesTried: provider.sourcesTried ? () => provider.sourcesTried!() : undefined,
  };
}

/** An access key id shortened for people: `EMUL…0001`; never the whole id. */
export function shortKeyId(keyId: string): string {
  return keyId.length <= 8 ? `${keyId.slice(0, 2)}…` : `${keyId.slice(0, 4)}…${keyId.slice(-4)}`;
}
