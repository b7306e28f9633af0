// Which Chromium the tests drive: the system's (Debian's) when there is one, else Playwright's
// own (`npx playwright install chromium` elsewhere), with the flags this machine needs.
import { existsSync } from 'node:fs';

const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export const chromiumPath = process.env.CHROMIUM_PATH ?? SYSTEM_CHROMIUM.find((path) => existsSync(path));

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--enable-unsafe-webgpu',
  // WebRTC between tabs on loopback (the tests run in a namespace with only lo up).
  '--allow-loopback-in-peer-connection',
];
