/**
 * The parts of VS Code's workbench DOM the UI scenarios use, found by what a user reads (view titles, row
 * labels, palette titles) rather than by position. Every wait is for a DOM state.
 */
import * as path from 'path';
import type { Locator, Page } from 'playwright-core';

/** A view of the sidebar, by the title in its pane header. */
export function view(page: Page, title: string): Locator {
  return page.locator('.part.sidebar .pane', { has: page.locator('.pane-header', { hasText: title }) });
}

/** The tree rows of a view whose label is exactly `label`. */
export function row(pane: Locator, label: string): Locator {
  return pane.locator('.monaco-list-row', { has: pane.page().locator('.label-name', { hasText: new RegExp(`^${escape(label)}$`) }) });
}

export function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The rendered rows of a view as `label` or `label — description` lines (only rows scrolled into view exist). */
export async function rows(pane: Locator): Promise<{ label: string; description: string }[]> {
  return pane.locator('.monaco-list-row').evaluateAll((elements) =>
    elements.map((element) => ({
      label: element.querySelector('.label-name')?.textContent?.trim() ?? '',
      description: element.querySelector('.label-description')?.textContent?.trim() ?? '',
    })),
  );
}

export async function description(rowLocator: Locator): Promise<string> {
  return ((await rowLocator.locator('.label-description').first().textContent()) ?? '').trim();
}

/** Opens the quick input with a key (or uses the one a command opened), types, and accepts the first match. */
async function quickInput(page: Page, key: string | undefined, text: string, option: string): Promise<void> {
  if (key) await page.keyboard.press(key);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(text);
  await page.locator('.quick-input-list [role="option"]', { hasText: option }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Runs a command from the palette by its full title (`Strangler: Open Plan`). */
export function palette(page: Page, title: string): Promise<void> {
  return quickInput(page, 'F1', `>${title}`, title);
}

/** Picks an entry in the quick pick a command opened. */
export function pick(page: Page, text: string): Promise<void> {
  return quickInput(page, undefined, text, text);
}

/** Opens a workspace file with Quick Open and waits for its tab. */
export async function openFile(page: Page, relative: string): Promise<void> {
  await quickInput(page, 'Control+P', relative, path.basename(relative));
  await page.locator('.tabs-container .tab.active', { hasText: path.basename(relative) }).waitFor();
}

export function codeLens(page: Page, text: string | RegExp): Locator {
  return page.locator('.monaco-editor .codelens-decoration a', { hasText: text }).first();
}

export function statusBarItem(page: Page, text: string | RegExp): Locator {
  return page.locator('.part.statusbar .statusbar-item', { hasText: text }).first();
}

/** Drags the sash between the sidebar and the editor, so that the views' descriptions fit. */
export async function widenSidebar(page: Page, by: number): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box) throw new Error('no sidebar');
  const x = box.x + box.width + 1;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + by, y, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction((width) => (document.querySelector('.part.sidebar') as HTMLElement).offsetWidth >= width, box.width + by - 10);
}
