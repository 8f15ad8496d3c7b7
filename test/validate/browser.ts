/**
 * Headless Debian Chromium for the validators, through playwright-core: every request that is not for the page's
 * own file is aborted and recorded, dialogs (an injected `alert`) and console errors (a refused script or style)
 * are recorded too, so a test can assert that a page rendered offline and ran nothing it should not.
 */
import * as fs from 'fs';
import * as path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO } from '../fixtureRuns';

export const CHROMIUM = process.env.STRANGLER_CHROMIUM ?? '/usr/bin/chromium';
/** Where screenshots are kept; the suites print the path of each one they write. */
export const SCREENSHOTS = path.join(REPO, 'out', 'screenshots');

export interface WatchedPage {
  page: Page;
  /** URLs the page tried to load from anywhere but its own file: all were aborted. */
  requests: string[];
  dialogs: string[];
  consoleErrors: string[];
}

export async function launch(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set STRANGLER_CHROMIUM)`);
  // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
}

/** A new page whose only allowed load is `allowed` (a file URL), if any. */
export async function watchedPage(browser: Browser, allowed?: string): Promise<WatchedPage> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const watched: WatchedPage = { page, requests: [], dialogs: [], consoleErrors: [] };
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url === allowed) return route.continue();
    watched.requests.push(url);
    return route.abort();
  });
  page.on('dialog', (dialog) => {
    watched.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (message.type() === 'error') watched.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => watched.consoleErrors.push(String(error)));
  return watched;
}

export function screenshotPath(name: string): string {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, name);
}
