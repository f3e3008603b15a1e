import { MAX_PAGES, pageByArrival } from "../../../lib/cloud/paged-listing";

/** A list API over `ids` that claims `total`, answering pages of `size`. */
function api(ids: string[], total: number, size: number) {
  const asked: number[] = [];
  const fetch = async (index: number) => {
    asked.push(index);
    return { items: ids.slice(index * size, (index + 1) * size), totalCount: total };
  };
  return { asked, fetch };
}

const list = (fetch: (index: number) => Promise<{ items: string[]; totalCount: number }>, maxPages?: number) => {
  const got: string[] = [];
  return pageByArrival(fetch, { pageSize: 2, idOf: (id) => id, noun: "things", onItems: (items) => got.push(...items), maxPages }).then((listing) => ({ ...listing, got }));
};

test("an honest listing: pages until a short page, complete", async () => {
  const { asked, fetch } = api(["a", "b", "c"], 3, 2);
  expect(await list(fetch)).toEqual({ arrived: 3, incomplete: undefined, got: ["a", "b", "c"] });
  expect(asked).toEqual([0, 1]);
});

test("an exact multiple ends on an empty page, complete", async () => {
  const { asked, fetch } = api(["a", "b", "c", "d"], 4, 2);
  expect((await list(fetch)).incomplete).toBeUndefined();
  expect(asked).toEqual([0, 1, 2]);
});

test("a total past what arrives (or short of it) is named", async () => {
  expect((await list(api(["a"], 1e15, 2).fetch)).incomplete).toBe("listing incomplete: the service reported 1000000000000000 things, 1 arrived");
  expect((await list(api(["a", "b", "c"], 1, 2).fetch)).incomplete).toBe("listing incomplete: the service reported 1 things, 3 arrived");
});

test("a repeated page stops paging; a partly repeated one is named", async () => {
  const same = async () => ({ items: ["a", "b"], totalCount: 10 });
  expect(await list(same)).toEqual({ arrived: 2, got: ["a", "b"], incomplete: "listing incomplete: page 2 repeated things already listed; the service reported 10 things, 2 arrived" });
  const shifted = async (index: number) => ({ items: [["a", "b"], ["b", "c"], []][index], totalCount: 3 });
  expect((await list(shifted)).incomplete).toBe("listing incomplete: 1 things arrived twice (the listing shifted while paged)");
});

test("a service that never stops is cut at the page cap", async () => {
  let n = 0;
  const endless = async () => ({ items: [`x${n++}`, `x${n++}`], totalCount: 1 });
  const listing = await list(endless, 5);
  expect(listing.arrived).toBe(10);
  expect(listing.incomplete).toMatch(/^listing incomplete: paging stopped after 5 pages \(the most asked for\); the service reported 1 things, 10 arrived$/);
  expect(MAX_PAGES).toBe(1000);
});
