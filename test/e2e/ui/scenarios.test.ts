/**
 * Strangler as a user sees it in VS Code (code-server in headless chromium), on a fresh copy of
 * examples/legacy-shop: the scenarios run in order on one window, each leaving a screenshot in E2E_SHOTS.
 * What the views must show comes from the CLI's analysis of the same copy and from the plan file on disk.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import type { AnalysisResult, ModuleReport } from '../../../server/src/engine/model';
import { allReady, waitForMark, waitUntil, type Mark, type StatusMark } from '../marks';
import { launchBrowser } from './browser';
import { codeLens, description, escape, openFile, palette, pick, row, rows, statusBarItem, view, widenSidebar } from './workbench';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (run test/e2e/run.sh)`);
  return value;
};
const port = env('E2E_PORT');
const workspace = env('E2E_WS');
const marks = env('E2E_MARKS');
const shots = env('E2E_SHOTS');
const planFile = path.join(workspace, 'migration.strangler');

/** A step the team adds to the plan: the reports were moved off TypeORM already, and must stay off it. */
const REPORTS_STEP = { id: 'reports-off-typeorm', title: 'Keep the reports off TypeORM', phase: 'Guard what is migrated' };
const REPORTS_PHASE = `
phase "${REPORTS_STEP.phase}"
  step ${REPORTS_STEP.id} "${REPORTS_STEP.title}"
    why the reports read through the legacy export module; no ORM code may come back here
    check none orm in src/reports/**
`;

function byPain(a: ModuleReport, b: ModuleReport): number {
  return b.score - a.score || (a.rank ?? 0) - (b.rank ?? 0);
}

describe('Strangler in the editor (UI)', function () {
  let browser: Browser;
  let page: Page;
  let analysis: AnalysisResult;
  let shot = 0;

  async function screenshot(name: string): Promise<void> {
    const file = path.join(shots, `${String(++shot).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file });
    console.log(`      screenshot ${file}`);
  }

  before(async () => {
    // The oracle: the CLI's analysis of the same copy, before the editor touches it.
    analysis = JSON.parse(execFileSync(process.execPath, [env('E2E_CLI'), 'analyze', workspace, '--json', '--quiet'], { encoding: 'utf8', maxBuffer: 64 << 20 }));
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1500, height: 950 } })).newPage();
    page.setDefaultTimeout(60_000);
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench .part.activitybar').waitFor();
    await waitForMark<StatusMark>(marks, 'status', allReady);
  });

  after(async () => {
    await browser?.close();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) await screenshot(`failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 40)}`);
  });

  it('the Hotspots view shows the example’s top hotspots', async () => {
    await page.locator('.part.activitybar [aria-label^="Strangler"]').first().click();
    await widenSidebar(page, 220);
    const hotspots = view(page, 'Hotspots');
    await row(hotspots, 'ORM').waitFor();
    const orm = analysis.modules.filter((m) => m.concerns.orm.sites > 0).sort(byPain);
    const expected = orm.slice(0, 3).map((m) => ({ label: m.path, description: `#${m.rank} · ${m.score}` }));
    const shown = await rows(hotspots);
    const at = shown.findIndex((r) => r.label === 'ORM');
    assert.strictEqual(shown[at].description, `${orm.length} modules · ${orm.reduce((sum, m) => sum + m.concerns.orm.sites, 0)} sites`);
    assert.deepStrictEqual(shown.slice(at + 1, at + 4), expected);
    await screenshot('hotspots');
  });

  it('the Inventory view lists the routes by prefix, the queues, models and sessions', async () => {
    const inventory = view(page, 'Inventory');
    // The other views fold away for the screenshot, and back after.
    const headers = ['Hotspots', 'Migration Plan', 'Inventory'].map((title) => view(page, title).locator('.pane-header'));
    for (const header of headers) await header.click();
    const routes = row(inventory, 'Routes');
    await routes.waitFor();
    assert.strictEqual(await description(routes), String(analysis.routes.length));
    assert.strictEqual(await description(row(inventory, 'Models')), String(analysis.models.length));
    const queueNames = [...new Set(analysis.queues.map((q) => q.name))].sort();
    assert.strictEqual(await description(row(inventory, 'Queues')), String(queueNames.length));
    await routes.click();
    const apiRoutes = analysis.routes.filter((r) => r.path.startsWith('/api/'));
    const api = row(inventory, '/api');
    await api.waitFor();
    assert.strictEqual(await description(api), String(apiRoutes.length));
    await api.click();
    const first = apiRoutes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.method < b.method ? -1 : 1))[0];
    await row(inventory, `${first.method.toUpperCase()} ${first.path}`).waitFor();
    await api.click();
    await row(inventory, 'Queues').click();
    await row(inventory, queueNames[0]).click();
    const roles = [...new Set(analysis.queues.filter((q) => q.name === queueNames[0]).map((q) => q.role))];
    for (const role of roles) await row(inventory, role).first().waitFor();
    await row(inventory, queueNames[0]).click();
    await row(inventory, 'Queues').click();
    // A model lists the places that read and write it.
    const order = analysis.models.find((m) => m.name === 'Order')!;
    await row(inventory, 'Models').click();
    await row(inventory, 'Order').click();
    const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
    assert.ok((await description(row(inventory, 'Order'))).endsWith(`${count(order.readers!.length, 'read')}, ${count(order.writers!.length, 'write')}`));
    await row(inventory, 'reads').first().waitFor();
    await row(inventory, 'writes').first().waitFor();
    await screenshot('inventory');
    for (const header of headers) await header.click();
    await routes.waitFor({ state: 'hidden' });
    await row(view(page, 'Hotspots'), 'ORM').waitFor();
  });

  it('the Migration Plan view offers to generate a plan, then shows its phases and steps', async () => {
    const plan = view(page, 'Migration Plan');
    await plan.locator('.welcome-view-content', { hasText: 'No migration plan yet' }).waitFor();
    await palette(page, 'Strangler: Generate or Update Plan');
    await page.locator('.tabs-container .tab.active', { hasText: 'migration.strangler' }).waitFor();
    const text = fs.readFileSync(planFile, 'utf8');
    const phases = [...text.matchAll(/^phase "([^"]+)"/gm)].map((m) => m[1]);
    const firstStep = /^\s+step \S+ "([^"]+)"/m.exec(text)![1];
    for (const phase of phases) await row(plan, phase).waitFor();
    // The phase the work is in opens: its steps show, with their state.
    await row(plan, firstStep).waitFor();
    assert.match(await description(row(plan, firstStep)), /^todo · (pending|ready)$/);
    assert.match(await description(row(plan, phases[0])), /^0\/\d+$/);
    await statusBarItem(page, /\d+\/\d+ verified/).waitFor();
    await screenshot('plan-generated');
  });

  it('a code lens shows on a coupled module, and reveals it in Hotspots', async () => {
    const module = analysis.modules.find((m) => m.path === 'src/users/users.router.ts')!;
    await openFile(page, 'src/users/users.router.ts');
    const lens = codeLens(page, `Strangler #${module.rank} · score ${module.score}`);
    await lens.waitFor();
    await codeLens(page, `${module.sites.length} coupling sites`).waitFor();
    await lens.click();
    await view(page, 'Hotspots').locator('.monaco-list-row.selected', { hasText: module.path }).waitFor();
    await codeLens(page, `${module.sites.length} coupling sites`).click();
    await page.locator('.monaco-editor .peekview-widget').waitFor();
    await screenshot('code-lens');
    await page.keyboard.press('Escape');
  });

  it('marking a step done updates the plan file and the view', async () => {
    // A teammate's commit adds a step whose check already passes: it is ready to be marked done.
    fs.appendFileSync(planFile, REPORTS_PHASE);
    const plan = view(page, 'Migration Plan');
    await row(plan, REPORTS_STEP.phase).click();
    const step = row(plan, REPORTS_STEP.title);
    await step.waitFor();
    await waitUntil('the step to be ready', async () => (await description(step)) === 'todo · ready');
    const before = await waitForMark<StatusMark>(marks, 'status', (s) => allReady(s) && s.folders[0].progress?.verified === 0);
    await palette(page, 'Strangler: Mark Step Done');
    await pick(page, REPORTS_STEP.title);
    await waitForMark<Mark & { applied: boolean }>(marks, 'planEdit', (m) => m.applied);
    const saved = fs.readFileSync(planFile, 'utf8');
    assert.match(saved, new RegExp(`step ${REPORTS_STEP.id} "${escape(REPORTS_STEP.title)}"\\n(.*\\n)*?\\s+status done \\d{4}-\\d{2}-\\d{2}\\n?`));
    await waitUntil('the step to be verified', async () => (await description(step)) === 'done · verified');
    await statusBarItem(page, `1/${before.folders[0].progress!.total} verified`).waitFor();
    await screenshot('step-marked-done');
  });

  it('an edit that brings the old ORM back into a migrated place shows a regression', async () => {
    const regression = `Regression: step '${REPORTS_STEP.id}' is done`;
    await openFile(page, 'src/reports/reports.router.ts');
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText("\nimport { getRepository } from 'typeorm';\nexport const reportRows = () => getRepository('Report').find();\n");
    // Unsaved: the server verifies the editor's text. The step is done, so its broken check is an error.
    const status = await waitForMark<StatusMark>(marks, 'status', (s) => s.summary.regressed > 0);
    const total = status.folders[0].progress!.total;
    await statusBarItem(page, new RegExp(`(^|\\D)0/${total} verified, \\d+ regressed`)).waitFor();
    await waitUntil('the step to show the regression', async () => (await description(row(view(page, 'Migration Plan'), REPORTS_STEP.title))) === 'done · regressed');
    await page.locator('.monaco-editor .squiggly-error').first().waitFor();
    await palette(page, 'View: Focus Problems');
    // The ratchet of "Remove TypeORM" is over its limit too, with an error at every TypeORM site: filter.
    await page.locator('.part.panel .viewpane-filter input').fill(REPORTS_STEP.id);
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: regression }).first();
    await problem.waitFor();
    await screenshot('regression');
    // Reverting the unsaved edit verifies the step again, and the problem goes.
    await page.locator('.monaco-editor .view-lines').first().click();
    await palette(page, 'File: Revert File');
    await waitForMark<StatusMark>(marks, 'status', (s) => s.summary.regressed === 0 && s.summary.verified === 1);
    await problem.waitFor({ state: 'detached' });
    await statusBarItem(page, `1/${total} verified`).waitFor();
  });
  it('the migration map draws the plan’s units, and a click opens a unit’s most painful module', async () => {
    await palette(page, 'Strangler: Show Migration Map');
    // The webview's document sits in nested frames; find the one that has the map's units.
    const frame = await waitUntil('the map webview', async () => {
      for (const f of page.frames()) if ((await f.locator('g.unit').count().catch(() => 0)) > 0) return f;
      return undefined;
    });
    const labels = await frame.locator('g.unit text.label').allTextContents();
    assert.ok(labels.length >= 5, `units: ${labels.join(', ')}`);
    assert.ok(labels.includes('src/users'), `units: ${labels.join(', ')}`);
    const csp = await frame.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(csp ?? '', /default-src 'none'/);
    await screenshot('migration-map');
    await frame.locator('g.unit', { has: frame.locator('text.label', { hasText: /^src\/users$/ }) }).locator('circle').first().click();
    await page.locator('.tabs-container .tab', { hasText: 'users.router.ts' }).first().waitFor();
  });
});
