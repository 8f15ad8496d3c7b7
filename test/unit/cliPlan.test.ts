// Tests of `strangler plan` and `strangler check` through the CLI's `main`, on a copy of the bundled example that a
// simulated migration changes step by step.
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bundledExample } from '../../server/src/cli/main';
import { readPlanFile, writePlanFile } from '../../server/src/engine/plan/planFileStore';
import { setStepStatus } from '../../server/src/planfile/edit';
import { parsePlan } from '../../server/src/planfile/parse';
import { run } from './helpers/cli';

const SERVICE = 'src/notifications/notifications.service.ts';

/** Puts notifications persistence behind a port: the entity and a TypeORM store move to persistence/. */
function moveNotificationsBehindPort(root: string): void {
  const at = (file: string) => path.join(root, file);
  fs.mkdirSync(at('src/notifications/persistence'), { recursive: true });
  const entity = fs.readFileSync(at('src/notifications/Notification.entity.ts'), 'utf8').replace("'../users/User.entity'", "'../../users/User.entity'");
  fs.writeFileSync(at('src/notifications/persistence/Notification.entity.ts'), entity);
  fs.rmSync(at('src/notifications/Notification.entity.ts'));
  for (const file of ['src/db/index.ts', 'src/db/dataSource.ts']) {
    fs.writeFileSync(at(file), fs.readFileSync(at(file), 'utf8').replace("'../notifications/Notification.entity'", "'../notifications/persistence/Notification.entity'"));
  }
  fs.writeFileSync(
    at('src/notifications/notificationStore.ts'),
    `export interface NotificationRecord { userId: string; channel: string; template: string; payload: Record<string, unknown> }

export interface NotificationStore {
  add(record: NotificationRecord): Promise<void>;
  markSent(userId: string, template: string): Promise<void>;
  listForUser(userId: string): Promise<NotificationRecord[]>;
}
`,
  );
  fs.writeFileSync(
    at('src/notifications/persistence/typeormNotificationStore.ts'),
    `import { IsNull } from 'typeorm';
import { AppDataSource } from '@shop/db';
import { Notification } from './Notification.entity';
import type { NotificationRecord, NotificationStore } from '../notificationStore';

const notifications = () => AppDataSource.getRepository(Notification);

export const typeormNotificationStore: NotificationStore = {
  async add(record) {
    await notifications().save(notifications().create({ user: { id: record.userId }, channel: record.channel, template: record.template, payload: record.payload }));
  },
  async markSent(userId, template) {
    await notifications().update({ user: { id: userId }, template, sentAt: IsNull() }, { sentAt: new Date() });
  },
  async listForUser(userId) {
    const rows = await notifications().find({ where: { user: { id: userId } }, order: { createdAt: 'DESC' }, take: 50 });
    return rows.map((row): NotificationRecord => ({ userId, channel: row.channel, template: row.template, payload: row.payload }));
  },
};
`,
  );
  fs.writeFileSync(
    at(SERVICE),
    `import { emailQueue } from '../queues';
import type { NotificationRecord, NotificationStore } from './notificationStore';
import { typeormNotificationStore } from './persistence/typeormNotificationStore';

export class NotificationsService {
  constructor(private readonly store: NotificationStore = typeormNotificationStore) {}

  async notify(user: { id: string; email: string }, template: string, payload: Record<string, unknown>): Promise<void> {
    await this.store.add({ userId: user.id, channel: 'email', template, payload });
    await emailQueue.add({ template, to: user.email, userId: user.id, data: payload });
  }

  async markSent(userId: string, template: string): Promise<void> {
    await this.store.markSent(userId, template);
  }

  async listForUser(userId: string): Promise<NotificationRecord[]> {
    return this.store.listForUser(userId);
  }
}

export const notificationsService = new NotificationsService();
`,
  );
}

describe('strangler plan and strangler check', function () {
  this.timeout(120_000);
  let root: string;
  let planFile: string;

  before(() => {
    root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'strangler-cli-')), 'legacy-shop');
    fs.cpSync(bundledExample(), root, { recursive: true });
    planFile = path.join(root, 'migration.strangler');
  });
  after(() => fs.rmSync(path.dirname(root), { recursive: true, force: true }));

  it('plan writes <path>/migration.strangler and says what it wrote', async () => {
    const { code, stdout } = await run('plan', root);
    assert.equal(code, 0);
    assert.match(stdout, /wrote .*migration\.strangler: 6 phases, \d+ steps, \d+ checks \(pain-first\)/);
    assert.match(stdout, /move orm from typeorm to prisma/);
    assert.deepEqual(parsePlan(fs.readFileSync(planFile, 'utf8')).diagnostics, []);
  });

  it('plan again merges: nothing new, the file is left alone', async () => {
    const before = fs.readFileSync(planFile, 'utf8');
    const { code, stdout } = await run('plan', root);
    assert.equal(code, 0);
    assert.match(stdout, /up to date/);
    assert.equal(fs.readFileSync(planFile, 'utf8'), before);
  });

  it('check on the untouched code: every step pending, nothing regressed, exit 0', async () => {
    const { code, stdout } = await run('check', root);
    assert.equal(code, 0, stdout);
    assert.match(stdout, /0 verified, 0 regressed, 0 ready, \d+ pending/);
    assert.match(stdout, /pending +notifications-orm-seam/);
    assert.match(stdout, /src\/notifications\/notifications\.service\.ts:\d+/);
  });

  it('moving notifications behind its port turns that step’s check green', async () => {
    moveNotificationsBehindPort(root);
    const { code, stdout } = await run('check', root, '--json');
    assert.equal(code, 0);
    const report = JSON.parse(stdout);
    const seam = report.steps.find((step: { id: string }) => step.id === 'notifications-orm-seam');
    assert.equal(seam.state, 'ready');
    assert.deepEqual(
      seam.checks.map((c: { ok: boolean; count: number }) => [c.ok, c.count]),
      [[true, 0]],
    );
    assert.equal(report.steps.find((step: { id: string }) => step.id === 'users-orm-seam').state, 'pending');
  });

  it('marked done, the step is verified', async () => {
    const snapshot = readPlanFile(planFile);
    const edit = setStepStatus(snapshot.text!, 'notifications-orm-seam', { state: 'done', date: '2026-11-20' });
    assert.deepEqual(writePlanFile(snapshot, edit.text), { written: true });
    const { code, stdout } = await run('check', root);
    assert.equal(code, 0);
    assert.match(stdout, /verified +notifications-orm-seam/);
  });

  it('reintroducing TypeORM in the migrated service is a regression: exit 1, naming the file and line', async () => {
    const service = path.join(root, SERVICE);
    fs.writeFileSync(service, `import { AppDataSource } from '@shop/db';\n${fs.readFileSync(service, 'utf8')}\nexport const dataSource = AppDataSource;\n`);
    const { code, stdout } = await run('check', root);
    assert.equal(code, 1);
    assert.match(stdout, /REGRESSED +notifications-orm-seam/);
    assert.match(stdout, /✗ none orm in src\/notifications\/\*\* except src\/notifications\/persistence\/\*\*: [1-9]\d* sites?/);
    assert.match(stdout, new RegExp(`${SERVICE.replace(/\./g, '\\.')}:1 `));
  });

  it('--update-ratchets lowers a ratchet whose count dropped, in place, and only that', async () => {
    const text = fs.readFileSync(planFile, 'utf8');
    const loose = text.replace(/(check ratchet bull in src\/\*\* at-most )(\d+)/, (_, head, n) => `${head}${Number(n) + 5}`);
    fs.writeFileSync(planFile, loose);
    const { stderr } = await run('check', root, '--update-ratchets');
    assert.match(stderr, /tightened .*\n {2}retire-bull: ratchet bull in src\/\*\* at-most \d+ -> \d+/);
    const [was, now] = [text.split('\n'), fs.readFileSync(planFile, 'utf8').split('\n')];
    assert.equal(now.length, was.length);
    now.forEach((line, i) => assert.ok(line === was[i] || /^ {4}check ratchet /.test(line), `only ratchet limits change, not: ${line}`));
    assert.equal(now.find((line) => line.includes('ratchet bull')), was.find((line) => line.includes('ratchet bull')));
  });

  it('a malformed plan: exit 2 with file:line:col, for check and for plan, and the file is not touched', async () => {
    const text = fs.readFileSync(planFile, 'utf8');
    const bad = text.replace('check dependency fastify present', 'check dependency fastify prsent');
    fs.writeFileSync(planFile, bad);
    const line = bad.split('\n').findIndex((l) => l.includes('prsent')) + 1;
    for (const command of ['check', 'plan']) {
      const { code, stderr } = await run(command, root);
      assert.equal(code, 2, command);
      assert.match(stderr, new RegExp(`migration\\.strangler:${line}:\\d+: error: expected 'present' or 'absent'`));
      assert.equal(fs.readFileSync(planFile, 'utf8'), bad);
    }
    fs.writeFileSync(planFile, text);
  });

  it('check without a plan, or with a bad flag: exit 2', async () => {
    assert.equal((await run('check', root, '--plan', path.join(root, 'nope.strangler'))).code, 2);
    const badOrder = await run('plan', root, '--order', 'fastest');
    assert.equal(badOrder.code, 2);
    assert.match(badOrder.stderr, /--order expects pain-first or quick-wins/);
    const badMove = await run('plan', root, '--move', 'orm:typeorm');
    assert.match(badMove.stderr, /--move expects concern:from:to/);
  });

  it('plan --move adds the move to the header and its steps to the plan; --out writes elsewhere', async () => {
    const { code, stdout } = await run('plan', root, '--move', 'queue:bull:bee-queue');
    assert.equal(code, 0, stdout);
    assert.match(stdout, /header: move queue from bull to bee-queue/);
    assert.match(stdout, /added steps: .*bull-to-bee-queue/);
    assert.match(fs.readFileSync(planFile, 'utf8'), /\n {2}move queue from bull to bee-queue\n/);
    const other = path.join(root, 'other.strangler');
    const quick = await run('plan', root, '--out', other, '--order', 'quick-wins');
    assert.equal(quick.code, 0);
    assert.match(fs.readFileSync(other, 'utf8'), /\n {2}order quick-wins\n/);
  });

  it('a write never clobbers a file that changed on disk since it was read', () => {
    const snapshot = readPlanFile(planFile);
    fs.appendFileSync(planFile, '# edited in the editor meanwhile\n');
    const outcome = writePlanFile(snapshot, 'plan "x"\n');
    assert.equal(outcome.written, false);
    assert.match(fs.readFileSync(planFile, 'utf8'), /edited in the editor meanwhile/);
    assert.deepEqual(fs.readdirSync(root).filter((name) => name.endsWith('.tmp')), [], 'no temporary file left behind');
  });
});
