// The app as an installable PWA: manifest and icons, Chromium's installability check, a layout
// that works on a phone, and a prompt to reload when a new version is deployed.
import { cpSync, mkdtempSync, appendFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { serveApp } from '../../scripts/lib/serve-app.ts';
import { chromiumArgs, chromiumPath } from './chromium.ts';
import { expect, root, test } from './fixtures.ts';

test('the manifest declares a standalone app with a theme colour and 192, 512 and maskable icons', async ({
  page,
  request,
}) => {
  await page.goto('/');
  const href = await page.locator('link[rel=manifest]').getAttribute('href');
  const manifest = await (await request.get(new URL(href!, page.url()).toString())).json();
  expect(manifest).toMatchObject({ name: 'PermaNet', display: 'standalone', start_url: '/', theme_color: '#121a3a' });
  const sizes = manifest.icons.map(
    (i: { sizes: string; purpose?: string }) => `${i.sizes}${i.purpose ? ` ${i.purpose}` : ''}`,
  );
  expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512', '512x512 maskable']));
  for (const icon of manifest.icons) {
    const png = await (await request.get(new URL(icon.src, page.url()).toString())).body();
    // PNG width and height live at bytes 16–23 of the IHDR chunk.
    expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`).toBe(icon.sizes);
  }
  await expect(page.locator('meta[name=theme-color]')).toHaveAttribute('content', '#121a3a');
});

test('the service worker precaches the app and its runtime, but not WalletConnect (fetched when chosen)', async ({
  request,
  stack,
}) => {
  const sw = await (await request.get(new URL('/sw.js', stack.appUrl).toString())).text();
  const urls = [...sw.matchAll(/"?url"?:\s*"([^"]+)"/g)].map((m) => m[1]);
  expect(urls).toEqual(expect.arrayContaining(['index.html']));
  expect(urls.some((u) => /ort-wasm-simd-threaded-[\w-]+\.wasm$/.test(u))).toBe(true);
  for (const url of urls.filter((u) => u.endsWith('.js'))) {
    // AppKit's modal is a web component named w3m-modal: no precached script defines it.
    expect(await (await request.get(new URL(`/${url}`, stack.appUrl).toString())).text(), url).not.toContain(
      'w3m-modal',
    );
  }
});

test('Chromium finds the app installable', async ({ stack }) => {
  // Installation is never offered in incognito, which is what Playwright's contexts are.
  const profile = mkdtempSync(join(tmpdir(), 'permanet-profile-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, args: chromiumArgs });
  try {
    const page = await context.newPage();
    await page.goto(stack.appUrl);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await expect(page.getByTestId('model-card').first()).toBeVisible();
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('on a 390×844 phone screen nothing overflows and the digit pad fits', async ({ browser, stack }) => {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 3,
    baseURL: stack.appUrl,
  });
  const page = await context.newPage();
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await page.goto('/');
  await expect(page.getByTestId('model-card').first()).toBeVisible();
  expect(await overflow()).toBeLessThanOrEqual(0);
  await page.getByRole('link', { name: 'permanet-digits' }).click();
  await expect(page.getByTestId('model-page')).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
  expect(await overflow()).toBeLessThanOrEqual(0);
  const pad = (await page.getByTestId('digit-pad').boundingBox())!;
  expect(pad.x).toBeGreaterThanOrEqual(0);
  expect(pad.x + pad.width).toBeLessThanOrEqual(390);
  // Touch targets are at least 44 px high.
  expect((await page.getByTestId('sample-digit').boundingBox())!.height).toBeGreaterThanOrEqual(44);
  await page.getByTestId('sample-digit').tap();
  await expect(page.getByTestId('probabilities')).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: test.info().outputPath('phone.png'), fullPage: true });
  await context.close();
});

test('a newly deployed version is offered with a reload prompt', async ({ page, stack }) => {
  const dist = mkdtempSync(join(tmpdir(), 'permanet-dist-'));
  cpSync(join(root, 'dist'), dist, { recursive: true });
  const { server, url } = await serveApp(dist, stack.config, '127.0.0.1', 0);
  try {
    await page.goto(url);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    await expect(page.getByTestId('model-card').first()).toBeVisible();
    await expect(page.getByTestId('update-prompt')).toHaveCount(0);
    // Deploy a new version: the service worker script changes.
    appendFileSync(join(dist, 'sw.js'), `\n// deployed ${Date.now()}\n`);
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    const prompt = page.getByTestId('update-prompt');
    await expect(prompt).toContainText('A new version of PermaNet is available');
    await page.evaluate(() => {
      (window as { __beforeReload?: boolean }).__beforeReload = true;
    });
    const reloaded = page.waitForEvent('load');
    await prompt.getByRole('button', { name: 'Reload' }).click();
    await reloaded;
    expect(await page.evaluate(() => (window as { __beforeReload?: boolean }).__beforeReload)).toBeUndefined();
    await expect(page.getByTestId('model-card').first()).toBeVisible();
    await expect(page.getByTestId('update-prompt')).toHaveCount(0);
  } finally {
    server.close();
    rmSync(dist, { recursive: true, force: true });
  }
});
