// Fetching ahead is off in test and benchmark contexts unless a test turns it on: a model fetched
// ahead would change what the tests of fetching and caching observe, and what the fetch
// benchmark measures.

/** What this needs of a Playwright browser context (@playwright/test's or playwright-core's). */
interface InitScripts {
  addInitScript(script: () => void): Promise<unknown>;
}

export async function withoutPrefetch<C extends InitScripts>(context: C): Promise<C> {
  await context.addInitScript(() => {
    try {
      if (localStorage.getItem('permanet:prefetch') === null) localStorage.setItem('permanet:prefetch', 'off');
    } catch {
      // about:blank and other opaque origins have no localStorage.
    }
  });
  return context;
}
