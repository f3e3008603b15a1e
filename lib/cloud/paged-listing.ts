/** One page of a list API: the items that arrived and the total the service claims. */
export interface ListPage<T> {
  readonly items: readonly T[];
  readonly totalCount: number;
}

/** What paging a list API found, and why the listing is not the whole of it, when it is not. */
export interface PagedListing {
  readonly arrived: number;
  /** Why the listing may miss resources, in words; undefined when it is complete. */
  readonly incomplete?: string;
}

/**
 * Pages beyond this are not asked for: at 100 items a page, 100,000 resources of one service
 * in one scope, far past any account's quota (TaurusDB and ACK quotas are in the tens to
 * hundreds), and a bound on how long a service that keeps answering can keep an audit paging.
 */
export const MAX_PAGES = 1000;

/**
 * Pages a list API by what arrives, never by the total it claims: the next page is asked for
 * only while the last one came back full; paging stops at a short or empty page, at a page
 * whose items all arrived before, or after `maxPages`. Each page's new items go to `onItems`
 * as they arrive. The listing is incomplete when paging was cut (repeated items, the cap) or
 * when the service's total disagrees with what arrived.
 */
export async function pageByArrival<T>(
  fetchPage: (index: number) => Promise<ListPage<T>>,
  options: { readonly pageSize: number; readonly idOf: (item: T) => string; readonly noun: string; readonly onItems: (items: T[]) => void; readonly maxPages?: number },
): Promise<PagedListing> {
  const maxPages = options.maxPages ?? MAX_PAGES;
  const seen = new Set<string>();
  let claimed = 0;
  let repeated = 0;
  let cut: string | undefined;
  for (let index = 0; ; index++) {
    if (index >= maxPages) {
      cut = `paging stopped after ${maxPages} pages (the most asked for)`;
      break;
    }
    const page = await fetchPage(index);
    claimed = page.totalCount;
    const fresh = page.items.filter((item) => !seen.has(options.idOf(item)));
    repeated += page.items.length - fresh.length;
    for (const item of fresh) seen.add(options.idOf(item));
    if (fresh.length > 0) options.onItems(fresh);
    if (page.items.length > 0 && fresh.length === 0) {
      cut = `page ${index + 1} repeated ${options.noun} already listed`;
      break;
    }
    if (page.items.length < options.pageSize) break;
  }
  const reasons = [
    cut,
    !cut && repeated > 0 ? `${repeated} ${options.noun} arrived twice (the listing shifted while paged)` : undefined,
    claimed !== seen.size ? `the service reported ${claimed} ${options.noun}, ${seen.size} arrived` : undefined,
  ].filter(Boolean);
  return { arrived: seen.size, incomplete: reasons.length ? `listing incomplete: ${reasons.join("; ")}` : undefined };
}
