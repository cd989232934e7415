/**
 * The browser the portal is tested in: Debian's Chromium driven by playwright-core (no browser download).
 * Where it is missing, the suite skips locally but fails in CI (`CI` or `SPILLWAY_REQUIRE_BROWSER` set), so
 * CI never passes without having looked at the page.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env['SPILLWAY_CHROMIUM'] ?? '/usr/bin/chromium';

/** The flags a root, offline machine needs: no sandbox as root, and no background calls home. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

const truthy = (value: string | undefined): boolean =>
  value !== undefined && value !== '' && value !== '0' && value !== 'false';

export const browserRequired = (): boolean =>
  truthy(process.env['CI']) || truthy(process.env['SPILLWAY_REQUIRE_BROWSER']);

export const chromiumAvailable = (): boolean => existsSync(CHROMIUM_PATH);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}
