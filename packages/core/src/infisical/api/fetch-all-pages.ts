/**
 * Collects every item of an offset-paged Infisical list. Tools page what they return with their
 * own cursor, so they need the whole list; Infisical caps the page size per route.
 */
export async function fetchAllPages<T>(
  pageSize: number,
  fetchPage: (offset: number, limit: number) => Promise<{ items: T[]; totalCount: number }>,
): Promise<T[]> {
  const all: T[] = [];
  for (;;) {
    const { items, totalCount } = await fetchPage(all.length, pageSize);
    all.push(...items);
    if (items.length === 0 || all.length >= totalCount) return all;
  }
}
