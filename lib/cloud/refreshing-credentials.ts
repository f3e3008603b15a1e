import { Clock } from "../runtime/clock";
import { CredentialProvider } from "./credential-provider";

/** Credentials as a source fetched them, with their end on the provider's clock. */
export interface Expiring<C> {
  readonly credentials: C;
  /** Milliseconds since the epoch on the provider's clock; undefined: they do not expire. */
  readonly expiresAt?: number;
}

/** Renew this long before the end at most (a quarter of the lifetime when that is shorter). */
const MAX_REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * Temporary credentials fetched on first use and fetched again before they expire, so a wait
 * of an hour (a DWS conversion) keeps signing with valid keys. One fetch at a time: callers
 * that ask while a fetch is under way share it.
 */
export class RefreshingCredentials<C> implements CredentialProvider<C> {
  private current?: Expiring<C> & { readonly obtainedAt: number };
  private pending?: Promise<Expiring<C>>;

  constructor(
    private readonly fetch: () => Promise<Expiring<C>>,
    private readonly description: () => string,
    private readonly clock: Clock,
  ) {}

  async get(): Promise<C> {
    if (this.current && !this.due(this.current)) return this.current.credentials;
    if (!this.pending) {
      const obtainedAt = this.clock.now();
      this.pending = this.fetch()
        .then((fetched) => {
          this.current = { ...fetched, obtainedAt };
          return fetched;
        })
        .finally(() => (this.pending = undefined));
    }
    return (await this.pending).credentials;
  }

  describe(): string {
    return this.description();
  }

  invalidate(): boolean {
    if (this.current?.expiresAt === undefined) return false;
    this.current = undefined;
    return true;
  }

  private due(current: Expiring<C> & { readonly obtainedAt: number }): boolean {
    if (current.expiresAt === undefined) return false;
    const margin = Math.min(MAX_REFRESH_MARGIN_MS, (current.expiresAt - current.obtainedAt) / 4);
    return this.clock.now() >= current.expiresAt - margin;
  }
}

/**
 * The end of credentials on our clock: their lifetime as the issuing server counts it (its
 * `expires_at` minus its `Date`), from now. A runner whose clock is off by minutes still renews
 * in time. Without a server date, the `expires_at` itself.
 */
export function expiryOnOurClock(expiresAtText: string, serverTime: Date | undefined, now: number): number | undefined {
  const expiresAt = Date.parse(expiresAtText);
  if (Number.isNaN(expiresAt)) return undefined;
  return serverTime ? now + (expiresAt - serverTime.getTime()) : expiresAt;
}
