/**
 * The extension manifest (package.json) against the protocol and the files it names: the settings the server
 * reads are the ones documented, with the same defaults; every command a menu, a welcome view or a code lens
 * uses is contributed; every file it points at exists.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ClientCommands, DEFAULT_SETTINGS } from '../../server/src/shared/protocol';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const contributes = manifest.contributes;

/** `{ diagnostics: { regressed: 'error' } }` → `{ 'strangler.diagnostics.regressed': 'error' }`. */
function flatten(value: object, prefix: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (child && typeof child === 'object' && !Array.isArray(child)) Object.assign(out, flatten(child, `${prefix}.${key}`));
    else out[`${prefix}.${key}`] = child;
  }
  return out;
}

describe('extension manifest', () => {
  const properties: Record<string, { default: unknown; markdownDescription?: string; enum?: unknown[] }> = contributes.configuration.properties;

  it('documents every setting the server reads, with its default', () => {
    const expected = { ...flatten(DEFAULT_SETTINGS, 'strangler'), 'strangler.trace.server': 'off' };
    assert.deepStrictEqual(Object.keys(properties).sort(), Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) {
      assert.deepStrictEqual(properties[key].default, value, key);
      assert.ok((properties[key].markdownDescription ?? '').length > 30, `${key} is documented`);
      if (properties[key].enum) assert.ok(properties[key].enum!.includes(value), `${key}: the default is one of the values`);
    }
  });

  const contributed = new Set<string>(contributes.commands.map((command: { command: string }) => command.command));

  it('puts every command in the Strangler category, with a title', () => {
    for (const command of contributes.commands) {
      assert.strictEqual(command.category, 'Strangler', command.command);
      assert.ok(command.title, command.command);
      assert.match(command.command, /^strangler\.[a-z][\w.]*$/);
    }
  });

  it('contributes the commands of the code lenses, and hides them from the palette', () => {
    const hidden = new Set(contributes.menus.commandPalette.filter((entry: { when: string }) => entry.when === 'false').map((entry: { command: string }) => entry.command));
    for (const id of Object.values(ClientCommands)) {
      assert.ok(contributed.has(id), id);
      if (id !== ClientCommands.revealModule) assert.ok(hidden.has(id), `${id} takes arguments: not in the palette`);
    }
  });

  it('uses only contributed commands in menus and welcome views', () => {
    for (const [menu, entries] of Object.entries<{ command: string }[]>(contributes.menus)) {
      for (const entry of entries) assert.ok(contributed.has(entry.command), `${menu}: ${entry.command}`);
    }
    for (const welcome of contributes.viewsWelcome) {
      for (const [, command] of welcome.contents.matchAll(/\(command:([\w.]+)/g)) {
        assert.ok(contributed.has(command) || command.startsWith('workbench.'), `${welcome.view}: ${command}`);
      }
    }
  });

  it('gives every view welcome content for an empty workspace and a running analysis', () => {
    for (const view of contributes.views.strangler) {
      const whens = contributes.viewsWelcome.filter((w: { view: string }) => w.view === view.id).map((w: { when: string }) => w.when);
      assert.ok(whens.some((when: string) => when.includes('workbenchState == empty')), view.id);
      assert.ok(whens.some((when: string) => when.includes('strangler:state == analysing')), view.id);
    }
    const plan = contributes.viewsWelcome.filter((w: { view: string }) => w.view === 'strangler.plan');
    assert.ok(plan.some((w: { contents: string }) => w.contents.includes('[Generate Migration Plan](command:strangler.generatePlan)')));
  });

  it('points only at files that exist', () => {
    const files = [
      manifest.main,
      ...contributes.viewsContainers.activitybar.map((c: { icon: string }) => c.icon),
      ...contributes.languages.flatMap((l: { configuration: string; icon: { light: string; dark: string } }) => [l.configuration, l.icon.light, l.icon.dark]),
      ...contributes.grammars.map((g: { path: string }) => g.path),
    ];
    // `main` is the bundled client: `npm test` builds before it runs the tests.
    for (const file of files) assert.ok(fs.existsSync(path.join(root, file)), file);
  });

  it('activates on JS/TS or a plan, never on startup', () => {
    const events: string[] = manifest.activationEvents;
    assert.ok(events.includes('workspaceContains:**/*.strangler'));
    assert.ok(events.some((e) => e.startsWith('workspaceContains:**/*.{ts')));
    assert.ok(!events.includes('*') && !events.includes('onStartupFinished'));
    assert.strictEqual(manifest.capabilities.untrustedWorkspaces.supported, true);
  });
});
