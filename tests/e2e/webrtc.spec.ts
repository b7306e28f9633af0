// Peer-to-peer sharing: a tab that holds a model tells the relay so; when the relay no longer has
// the model, another person's tab fetches it from that tab over WebRTC (signalled through the
// relay's circuit) and the page names the peer that served the bytes. Runs on loopback only
// (the test command runs inside a network namespace with only lo up).
import { cidOfBytes } from '@permanet/core/storage/cid-of-bytes';
import { expect, test } from './fixtures.ts';
import { freshModel, freshModelScores } from './fresh-model.ts';
import { fillAndPublish, newPage, openFromSearch } from './marketplace-pages.ts';
import { dropFromRelay } from '../../scripts/lib/relay-admin.ts';

test("a model the relay no longer has is fetched from the publisher's tab over WebRTC", async ({ browser, stack }) => {
  const listing = { name: `shared-${Date.now()}`, file: freshModel(11), pricePerUse: '', licencePrice: '' };
  const weightsCid = (await cidOfBytes(listing.file)).toString();
  const publisher = await newPage(browser, stack.appUrl);
  await fillAndPublish(publisher, listing);
  await expect(publisher.getByTestId('published')).toBeVisible({ timeout: 90_000 });
  const publisherPeer = await publisher.getByTestId('peer-status').getAttribute('data-peer-id');
  expect(publisherPeer).toMatch(/^12D3/);

  // The publisher's tab has announced the model; then the relay drops its own copy.
  const holders = async () =>
    ((await (await fetch(`${stack.relay.http}/providers/${weightsCid}`)).json()) as { peer: string }[]).map(
      (p) => p.peer,
    );
  await expect.poll(holders).toEqual([publisherPeer]);
  const dropped = await dropFromRelay(stack.relay, weightsCid);
  expect(dropped.status).toBe(200);
  expect((await dropped.json()).blocks).toBeGreaterThan(0);
  expect((await fetch(`${stack.relay.http}/ipfs/${weightsCid}`)).status).toBe(404);

  const reader = await newPage(browser, stack.appUrl);
  await openFromSearch(reader, listing.name);
  await expect(reader.getByTestId('fetch-source')).toContainText('peers (bitswap)');
  const servers = reader.getByTestId('served-by').locator('li');
  await expect(servers).toHaveCount(1);
  await expect(servers.first()).toHaveAttribute('data-kind', 'tab');
  await expect(servers.first()).toHaveAttribute('data-peer', publisherPeer!);

  await reader.locator('summary', { hasText: 'Run on a tensor of your own' }).click();
  await reader.getByTestId('raw-input').fill('[0.5, 1, 2]');
  await reader.getByTestId('raw-run').click();
  const output = await reader.getByTestId('raw-output').innerText();
  const scores = JSON.parse(output.slice(output.lastIndexOf(': ') + 2)) as number[];
  const expected = await freshModelScores(listing.file, [0.5, 1, 2]);
  scores.forEach((s, i) => {
    expect(Math.abs(s - expected[i])).toBeLessThan(1e-5);
  });
});
