import fs from 'node:fs';
import { chromium, type Browser } from '@playwright/test';

/** Debian's Chromium (Playwright's own cannot be downloaded here); HEARTH_CHROMIUM points elsewhere. */
export const CHROMIUM_PATH = process.env.HEARTH_CHROMIUM ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p)) ?? '/usr/bin/chromium';

/** Headless Chromium as the e2e suite runs it: software rendering, nothing fetched in the background. */
export async function launchBenchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`no Chromium at ${CHROMIUM_PATH}: install it (apt-get install chromium) or set HEARTH_CHROMIUM`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-dev-shm-usage'],
  });
}
