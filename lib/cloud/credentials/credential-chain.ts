import { CredentialProvider } from "../credential-provider";
import { CredentialSource, chooseSource } from "./credential-source";
import { SourceTried } from "./source-tried";

/** What makes one cloud's chain: its sources in its provider's order, and what goes on top. */
export interface CredentialChainProps<C, Ctx> {
  readonly sources: readonly CredentialSource<C, Ctx>[];
  readonly ctx: Ctx;
  /** The one-line error when no source gives credentials, from the account of what was tried. */
  readonly nothingFound: (tried: readonly SourceTried[]) => Error;
  /** The identity to act as, made from the chosen base source: an assumed role or agency, or the base itself. */
  readonly actAs: (base: CredentialProvider<C>) => CredentialProvider<C>;
  /** What `describe()` says before the chain has resolved. */
  readonly unresolved: string;
}

/**
 * Both clouds' credential chain: on the first `get()`, the first configured source of the
 * cloud's ordered list (a configured source that is broken stops the chain, never falls through
 * to another identity), then the identity to act as on top of it. `sourcesTried()` tells
 * `doctor` the order it tried and why each source was passed over, or failed.
 */
export class CredentialChain<C, Ctx> implements CredentialProvider<C> {
  private chosen?: Promise<CredentialProvider<C>>;
  private resolved?: CredentialProvider<C>;
  private readonly tried: SourceTried[] = [];

  constructor(private readonly props: CredentialChainProps<C, Ctx>) {}

  async get(): Promise<C> {
    this.chosen ??= this.choose();
    return (await this.chosen).get();
  }

  describe(): string {
    return this.resolved?.describe() ?? this.props.unresolved;
  }

  invalidate(): boolean {
    return this.resolved?.invalidate?.() ?? false;
  }

  sourcesTried(): readonly SourceTried[] {
    return this.tried;
  }

  private async choose(): Promise<CredentialProvider<C>> {
    const { sources, ctx, nothingFound, actAs } = this.props;
    const base = await chooseSource(sources, ctx, nothingFound, this.tried);
    return (this.resolved = actAs(base.provider));
  }
}
