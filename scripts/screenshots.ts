/**
 * Takes the portal screenshots in docs/images (README, docs/portal.md): builds the pages, starts Spillway on a
 * loopback port with the bundled examples, and photographs the main views in Debian's Chromium at 1280 px.
 * `npm run screenshots`; needs `apt-get install -y chromium`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { launchChromium } from '../test/browser/chromium.js';
import { openPage, startPortal } from '../test/browser/portalHarness.js';

const OUT = fileURLToPath(new URL('../docs/images/', import.meta.url));
const HTTPBIN = '/?snapshot=httpbin-after&client=httpbin/client-in-ambient&backend=in-ambient.httpbin';
const BOOKINFO =
  '/?snapshot=bookinfo-multicluster&client=bookinfo/ratings&backend=productpage.bookinfo.mesh.internal';
const WIDTH = 1280;
const MAX_HEIGHT = 1500;

interface Shot {
  readonly file: string;
  readonly path: string;
  /** What must be on screen before the picture is taken. */
  readonly ready: string;
  /** Photograph only this element (CSS selector), else the page from the top. */
  readonly element?: string;
}

const SHOTS: readonly Shot[] = [
  { file: 'portal-snapshots.png', path: '/', ready: 'table.snapshots' },
  { file: 'portal-policy.png', path: HTTPBIN, ready: '.path-svg' },
  {
    file: 'portal-whatif.png',
    path: `${HTTPBIN}&eject=in-ambient-7d8f9b6c54-abc12,in-ambient-7d8f9b6c54-def34`,
    ready: '[data-metric="errors"]',
  },
  {
    file: 'portal-spillover.png',
    path: `${BOOKINFO}&load=1.5&sweep=1,4`,
    ready: '.spillover svg',
    element: 'section[aria-labelledby="spillover-title"]',
  },
  { file: 'graphql-ide.png', path: '/graphql', ready: '.graphiql-container' },
];

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'spillway-shots-'));
  await build({
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    logLevel: 'warn',
    build: { outDir: dir, emptyOutDir: true },
  });
  const portal = await startPortal(dir);
  const browser = await launchChromium();
  try {
    for (const shot of SHOTS) {
      const { page, foreignRequests } = await openPage(browser, portal.base, WIDTH, 900);
      await page.goto(portal.base + shot.path);
      await page.locator(shot.ready).first().waitFor();
      if (shot.path === '/graphql') {
        await page.locator('.view-lines', { hasText: 'WhoAnswers' }).first().waitFor();
        await page.locator('.graphiql-execute-button').click();
        await page.locator('.result-window .view-lines', { hasText: 'effectivePolicy' }).first().waitFor();
      }
      const path = join(OUT, shot.file);
      if (shot.element !== undefined) await page.locator(shot.element).screenshot({ path });
      else {
        const height = Math.min(
          MAX_HEIGHT,
          await page.evaluate<number>('document.documentElement.scrollHeight'),
        );
        await page.screenshot({ path, fullPage: true, clip: { x: 0, y: 0, width: WIDTH, height } });
      }
      if (foreignRequests.length > 0)
        throw new Error(`${shot.file}: requests to other hosts: ${foreignRequests.join(', ')}`);
      process.stdout.write(`${path}\n`);
      await page.context().close();
    }
  } finally {
    await browser.close();
    await portal.app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
