import { CredentialProvider } from "../credential-provider";
import { SourceTried } from "./source-tried";

/** Whether an environment configures a source; when it does not, why, in words for `doctor`. */
export type SourceCheck = { readonly configured: true } | { readonly configured: false; readonly why: string };

/**
 * One place credentials can come from (environment keys, a profile file, an OIDC token file,
 * instance metadata, a credentials URI…), as data: each cloud keeps an ordered list of these in
 * its Terraform provider's order, and one chain tries them. The list also generates the docs'
 * tables and `doctor`'s account of the order it tried.
 */
export interface CredentialSource<C, Ctx> {
  /** What people read: `environment access keys`, `shared config file`. */
  readonly name: string;
  /** The variables (and default files) that configure it, in the order they are read. */
  readonly variables: readonly string[];
  /** Decided from the environment alone; contacts nothing. */
  configured(ctx: Ctx): SourceCheck;
  /**
   * The provider of a configured source. A source the environment does not name but that is
   * probed anyway (instance metadata) throws {@link SourceAbsent} when nothing answers there, and
   * the chain goes on; any other error stops the chain: a configured source that is broken never
   * falls through to another identity.
   */
  provider(ctx: Ctx): CredentialProvider<C> | Promise<CredentialProvider<C>>;
}

/** A probed source found nothing (no metadata service, no role attached): try the next one. */
export class SourceAbsent extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "SourceAbsent";
  }
}

/** The chosen source's provider, and the account of every source tried before it. */
export interface ChosenSource<C> {
  readonly provider: CredentialProvider<C>;
  readonly source: string;
  readonly tried: readonly SourceTried[];
}

/**
 * The first source of `sources` (in order) that the environment configures, or that a probe finds.
 * When none does, `nothingFound` makes the error from the account of what was tried. `tried`
 * receives that account as it grows, so a caller still has it when a configured source fails
 * (its line then ends the account, outcome `failed`).
 */
export async function chooseSource<C, Ctx>(
  sources: readonly CredentialSource<C, Ctx>[],
  ctx: Ctx,
  nothingFound: (tried: readonly SourceTried[]) => Error,
  tried: SourceTried[] = [],
): Promise<ChosenSource<C>> {
  for (const source of sources) {
    const check = source.configured(ctx);
    if (!check.configured) {
      tried.push({ source: source.name, outcome: "not configured", why: check.why });
      continue;
    }
    try {
      const provider = await source.provider(ctx);
      tried.push({ source: source.name, outcome: "used", why: "" });
      return { provider, source: source.name, tried };
    } catch (error) {
      const absent = error instanceof SourceAbsent;
      tried.push({ source: source.name, outcome: absent ? "absent" : "failed", why: error instanceof Error ? error.message : String(error) });
      if (!absent) throw error;
    }
  }
  throw nothingFound(tried);
}
