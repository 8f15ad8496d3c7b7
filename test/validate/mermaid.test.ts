// The Mermaid blocks of the Markdown roadmap, parsed and rendered by the mermaid library itself (from local
// node_modules) in headless Chromium with the network cut off, as a Markdown viewer such as GitHub's would.
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import type { Browser } from 'playwright-core';
import { EXPORT_GOLDEN_DIR, EXPORT_GOLDEN_FILES, exportAll, hostileExportInput, HOSTILE } from '../exportRuns';
import { launch, screenshotPath, watchedPage, type WatchedPage } from './browser';

/** The bodies of the ```mermaid fences of a Markdown document. */
function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((match) => match[1]);
}

/** The little of the page's globals the functions run in it use (the test project compiles without the DOM library). */
interface PageElement {
  innerHTML: string;
  textContent: string | null;
  appendChild(child: PageElement): void;
  querySelectorAll(selector: string): { length: number };
}
interface PageGlobals {
  mermaid: { initialize(config: object): void; parse(text: string): Promise<{ diagramType: string }>; render(id: string, text: string): Promise<{ svg: string }> };
  document: { createElement(tag: string): PageElement; getElementById(id: string): PageElement | null };
}

interface Rendered {
  ok: boolean;
  error?: string;
  type?: string;
  scripts?: number;
  text?: string;
  nodes?: number;
  tasks?: number;
}

describe('Mermaid blocks of the Markdown roadmap, in the mermaid library', () => {
  let browser: Browser;
  let watched: WatchedPage;
  before(async () => {
    browser = await launch();
    watched = await watchedPage(browser);
    await watched.page.setContent('<!DOCTYPE html><html><body><main id="out"></main></body></html>');
    await watched.page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
    await watched.page.evaluate(() => (globalThis as unknown as PageGlobals).mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' }));
  });
  after(async () => {
    await browser?.close();
  });

  /** Parses and renders one diagram into the page; what came out, or the parser's error. */
  function render(source: string, id: string): Promise<Rendered> {
    return watched.page.evaluate(
      async ([text, name]) => {
        const { mermaid, document } = globalThis as unknown as PageGlobals;
        try {
          const parsed = await mermaid.parse(text);
          const { svg } = await mermaid.render(name, text);
          const holder = document.createElement('section');
          holder.innerHTML = svg;
          document.getElementById('out')!.appendChild(holder);
          return {
            ok: true,
            type: parsed.diagramType,
            scripts: holder.querySelectorAll('script').length,
            text: holder.textContent ?? '',
            nodes: holder.querySelectorAll('g.node').length,
            tasks: holder.querySelectorAll('rect.task').length,
          };
        } catch (e) {
          return { ok: false, error: String((e as Error).message ?? e) };
        }
      },
      [source, id] as const,
    );
  }

  it('the example: a Gantt with one bar per step and a flowchart with one node per unit', async () => {
    const markdown = fs.readFileSync(path.join(EXPORT_GOLDEN_DIR, EXPORT_GOLDEN_FILES.markdown), 'utf8');
    const json = JSON.parse(fs.readFileSync(path.join(EXPORT_GOLDEN_DIR, EXPORT_GOLDEN_FILES.json), 'utf8'));
    const [gantt, flowchart] = mermaidBlocks(markdown);
    const g = await render(gantt, 'example-gantt');
    assert.ok(g.ok, g.error);
    assert.equal(g.type, 'gantt');
    assert.equal(g.tasks, json.summary.progress.steps);
    const f = await render(flowchart, 'example-units');
    assert.ok(f.ok, f.error);
    assert.equal(f.type, 'flowchart-v2');
    assert.equal(f.nodes, json.units.length);
    assert.ok(f.text!.includes('src/users'));
  });

  it('the hostile workspace: parses, and its names come out as text, with no script and no dialog', async () => {
    const blocks = mermaidBlocks(exportAll(hostileExportInput()).markdown);
    assert.equal(blocks.length, 2);
    const results = [await render(blocks[0], 'hostile-gantt'), await render(blocks[1], 'hostile-units')];
    for (const result of results) {
      assert.ok(result.ok, result.error);
      assert.equal(result.scripts, 0);
    }
    const shown = (text: string) => text.slice(text.lastIndexOf('}') + 1);
    assert.ok(results[0].text!.includes('Leave Express | ‹script›alert(1)‹/script› + "quotes"'), shown(results[0].text!));
    assert.ok(results[0].text!.includes('Serve /users from Fastify | "quoted" ‹script›alert(3)‹/script›'), shown(results[0].text!));
    assert.ok(results[1].text!.includes(HOSTILE.unit), shown(results[1].text!));
    assert.deepEqual(watched.dialogs, []);
  });

  it('a broken diagram fails to parse (the check can fail)', async () => {
    const broken = await render('flowchart LR\n  a["unterminated] --> b', 'broken');
    assert.equal(broken.ok, false);
  });

  it('rendered offline: no request left the page; a screenshot is kept', async () => {
    assert.deepEqual(watched.requests, []);
    const shot = screenshotPath('mermaid.png');
    await watched.page.screenshot({ path: shot, fullPage: true });
    console.log(`      screenshot: ${path.relative(process.cwd(), shot)}`);
  });
});
