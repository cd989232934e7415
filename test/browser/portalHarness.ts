/**
 * A real Spillway on a loopback port with the built portal, and a Chromium page that records every request
 * it makes and every Content-Security-Policy complaint, so a test can assert that nothing left this host.
 */
import type { FastifyInstance } from 'fastify';
import type { Browser, ConsoleMessage, Locator, Page } from 'playwright-core';
import { buildApp } from '../../src/app.js';
import { testConfig } from '../../src/config.js';
import { loadWebBuild } from '../../src/http/web/webBuild.js';

export interface Portal {
  readonly app: FastifyInstance;
  readonly base: string;
}

export async function startPortal(webBuildDir: string, env: Record<string, string> = {}): Promise<Portal> {
  const app = await buildApp(
    testConfig({ SPILLWAY_IMPORT_EXAMPLES: 'true', SPILLWAY_MAX_EVENT_LOOP_DELAY_MS: '0', ...env }),
    { webBuild: loadWebBuild(webBuildDir) },
  );
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, base: address };
}

export interface WatchedPage {
  readonly page: Page;
  /** Every URL the page asked for that is not on the portal's own origin. */
  readonly foreignRequests: string[];
  /** Console errors that are CSP violations or uncaught page errors. */
  readonly violations: string[];
  /** Every GraphQL request body the page sent. */
  readonly graphqlBodies: string[];
}

/** Generous for a busy 2-core machine: a page settles in well under a second here. */
export const UI_TIMEOUT_MS = 30_000;

export async function openPage(
  browser: Browser,
  base: string,
  width = 1280,
  height = 900,
): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  page.setDefaultTimeout(UI_TIMEOUT_MS);
  const foreignRequests: string[] = [];
  const violations: string[] = [];
  const graphqlBodies: string[] = [];
  const origin = new URL(base).origin;
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin !== origin) foreignRequests.push(url);
    if (new URL(url).pathname === '/graphql' && request.method() === 'POST')
      graphqlBodies.push(request.postData() ?? '');
  });
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text()))
      violations.push(message.text());
  });
  page.on('pageerror', (error) => violations.push(`page error: ${error.message}`));
  return { page, foreignRequests, violations, graphqlBodies };
}

/** Text as a person reads it: the narrow no-break space before units reads as a space. */
export const seen = (text: string | null): string =>
  (text ?? '').replaceAll('\u202f', ' ').replace(/\s+/g, ' ').trim();

export async function textOf(locator: Locator): Promise<string> {
  return seen(await locator.textContent());
}

export async function textsOf(locator: Locator): Promise<string[]> {
  return (await locator.allTextContents()).map(seen);
}
