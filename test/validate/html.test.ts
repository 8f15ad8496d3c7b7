// The HTML roadmap opened from disk in headless Chromium with the network cut off: it renders, its tables sort,
// it asks for nothing outside its file, the hostile names stay text, and a screenshot is kept.
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Browser } from 'playwright-core';
import { EXPORT_GOLDEN_DIR, EXPORT_GOLDEN_FILES, exportAll, hostileExportInput, exampleExportInput } from '../exportRuns';
import { launch, screenshotPath, watchedPage } from './browser';

describe('the HTML roadmap in headless Chromium', () => {
  let browser: Browser;
  let tmp: string;
  before(async () => {
    browser = await launch();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'strangler-html-'));
  });
  after(async () => {
    await browser?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function open(file: string, screenshot: string) {
    const url = pathToFileURL(file).href;
    const watched = await watchedPage(browser, url);
    await watched.page.goto(url);
    const shot = screenshotPath(screenshot);
    await watched.page.screenshot({ path: shot, fullPage: true });
    console.log(`      screenshot: ${path.relative(process.cwd(), shot)}`);
    return watched;
  }

  it('the example renders from disk with every section, requests nothing and runs only its own script', async () => {
    const { page, requests, dialogs, consoleErrors } = await open(path.join(EXPORT_GOLDEN_DIR, EXPORT_GOLDEN_FILES.html), 'roadmap-legacy-shop.png');
    assert.deepEqual(requests, []);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(consoleErrors, []);
    assert.equal(await page.locator('h1').innerText(), 'Migration roadmap: legacy-shop');
    assert.ok(await page.locator('h1').isVisible());
    const steps = exampleExportInput().evaluation.steps.length;
    assert.equal(await page.locator('#table-steps tbody tr').count(), steps);
    assert.ok(await page.locator('#table-steps tbody tr').first().isVisible());
    assert.equal(await page.locator('#table-routes tbody tr').count(), 30);
    assert.equal(await page.locator('svg[aria-label^="Progress per phase"] rect').count() > 0, true);
    // The sort script ran (the style sheet's arrows come from the class it adds), so the CSP let it.
    assert.ok((await page.locator('th.sortable').count()) > 0);
  });

  it('sorts a table by the clicked column, numbers as numbers, and back', async () => {
    const { page } = await open(path.join(EXPORT_GOLDEN_DIR, EXPORT_GOLDEN_FILES.html), 'roadmap-legacy-shop-sorted.png');
    const scores = async () => (await page.locator('#table-hotspots tbody tr td:nth-child(3)').allInnerTexts()).map(Number);
    const before = await scores();
    assert.deepEqual(before, [...before].sort((a, b) => b - a), 'ranked by score to start with');
    await page.locator('#table-hotspots th', { hasText: 'Score' }).click();
    assert.deepEqual(await scores(), [...before].sort((a, b) => a - b));
    await page.locator('#table-hotspots th', { hasText: 'Score' }).click();
    assert.deepEqual(await scores(), [...before].sort((a, b) => b - a));
    assert.equal(await page.locator('#table-hotspots th', { hasText: 'Score' }).getAttribute('aria-sort'), 'descending');
  });

  it('the hostile workspace: names render as text, no injected element, script or dialog', async () => {
    const file = path.join(tmp, 'hostile.html');
    fs.writeFileSync(file, exportAll(hostileExportInput()).html);
    const { page, requests, dialogs, consoleErrors } = await open(file, 'roadmap-hostile.png');
    assert.deepEqual(requests, []);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(consoleErrors, []);
    assert.equal(await page.locator('script').count(), 1);
    assert.equal(await page.locator('body b').count(), 0);
    assert.match(await page.locator('.plan-title').innerText(), /<script>alert\(1\)<\/script>/);
    assert.ok((await page.locator('#table-routes').innerText()).includes('/a|b <script>alert(1)</script>'));
  });
});
