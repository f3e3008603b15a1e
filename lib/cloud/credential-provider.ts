import { OutgoingRequest, RequestSigner } from "./http-transport";

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
