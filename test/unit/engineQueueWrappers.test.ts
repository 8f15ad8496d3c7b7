/**
 * Queues named through the project's own classes: a BullMQ factory inside a method or constructor that takes
 * the queue's name as a parameter makes one queue per call, named by whoever calls it — possibly through a
 * base class whose subclasses hand their topic to `super(…)`, as NestJS services wrapping BullMQ are written.
 */
import * as assert from 'assert';
import { analyzeFiles, lineOf } from './helpers/project';

const PKG = JSON.stringify({ name: 'notify', version: '1.0.0', dependencies: { bullmq: '^4.0.0', '@nestjs/common': '^10.0.0' } });

const files: Record<string, string> = {
  'package.json': PKG,
  'libs/shared/topics.ts': `export enum JobTopic {
  MAIL = 'mail',
  WEBHOOK = 'webhook-delivery',
  NUMBERED,
}
`,
  'libs/shared/index.ts': `export * from './topics';\n`,
  'libs/bull/bull-mq.service.ts': `import { Queue, Worker, QueueOptions, Processor } from 'bullmq';
import { JobTopic } from '../shared';

export class BullMqService {
  static pro = false;
  private _queue: Queue;

  createQueue(topic: JobTopic | string, options: QueueOptions) {
    const QueueClass = !BullMqService.pro ? Queue : require('@taskforcesh/bullmq-pro').QueuePro;
    this._queue = new QueueClass(topic, { ...options });
    return this._queue;
  }

  createWorker(topic: JobTopic, processor: Processor) {
    return new Worker(topic, processor, {});
  }

  add(name: string, data: unknown) {
    return this._queue.add(name, data);
  }
}
`,
  'libs/bull/index.ts': `export * from './bull-mq.service';\n`,
  'libs/queues/queue-base.service.ts': `import { Queue } from 'bullmq';
import { BullMqService } from '../bull';
import { JobTopic } from '../shared';

export class QueueBaseService {
  private instance: BullMqService;
  public queue: Queue;

  constructor(public readonly topic: JobTopic, bullMqService: BullMqService) {
    this.instance = bullMqService;
  }

  createQueue(): void {
    this.queue = this.instance.createQueue(this.topic, {});
  }
}
`,
  'libs/queues/mail-queue.service.ts': `import { QueueBaseService } from './queue-base.service';
import { BullMqService } from '../bull';
import { JobTopic } from '../shared';

export class MailQueueService extends QueueBaseService {
  constructor() {
    super(JobTopic.MAIL, new BullMqService());
    this.createQueue();
  }
}
`,
  'libs/queues/dynamic-queue.service.ts': `import { QueueBaseService } from './queue-base.service';
import { BullMqService } from '../bull';

export class DynamicQueueService extends QueueBaseService {
  constructor() {
    super(process.env.DYNAMIC_TOPIC as never, new BullMqService());
    this.createQueue();
  }
}
`,
  'libs/workers/worker-base.service.ts': `import { Processor } from 'bullmq';
import { BullMqService } from '../bull';
import { JobTopic } from '../shared';

export class WorkerBaseService {
  private readonly topic: JobTopic;
  private instance: BullMqService;

  constructor(topic: JobTopic, bull: BullMqService) {
    this.topic = topic;
    this.instance = bull;
  }

  initWorker(processor: Processor) {
    this.instance.createWorker(this.topic, processor);
  }
}
`,
  'apps/worker/webhook.worker.ts': `import { WorkerBaseService } from '../../libs/workers/worker-base.service';
import { BullMqService } from '../../libs/bull';
import { JobTopic } from '../../libs/shared';

export class WebhookWorker extends WorkerBaseService {
  constructor(bull: BullMqService) {
    super(JobTopic.WEBHOOK, bull);
    this.initWorker(async (job) => job.data);
  }
}
`,
  'apps/api/reports.ts': `import { BullMqService } from '../../libs/bull';

export class Queues {
  private bull = new BullMqService();

  make(name: string) {
    return this.bull.createQueue(name, {});
  }
}

export function scheduleReports(queues: Queues) {
  const topic = 'reports';
  queues.make(topic);
}

export function audit() {
  const bull = new BullMqService();
  return bull.createQueue('audit', {});
}
`,
  'apps/api/lookalike.ts': `class Broker {
  createQueue(name: string, options: object) {
    return { name, options };
  }
}

export function notAQueue(broker: Broker) {
  return broker.createQueue('lookalike', {});
}
`,
  'apps/api/named.ts': `import { Queue } from 'bullmq';

export class NamedQueue {
  readonly queue: Queue;
  constructor(name: string) {
    this.queue = new Queue(name);
  }
}

export class ExportQueue extends NamedQueue {}

export const exportsQueue = new ExportQueue('exports');
`,
  'apps/api/orphan.ts': `import { Queue } from 'bullmq';
import { BullMqService } from '../../libs/bull';

export class Orphan {
  build(name: string) {
    return new Queue(name);
  }
}

export class UnusedWrapper {
  private bull = new BullMqService();

  open(name: string) {
    return this.bull.createQueue(name, {});
  }
}
`,
  'libs/bull/bull-mq.service.spec.ts': `import { BullMqService } from './bull-mq.service';

it('creates a queue', () => {
  new BullMqService().createQueue('from-a-test', {});
});
`,
};

function at(file: string, needle: string): string {
  return `${file}:${lineOf(files[file], needle)}`;
}

describe('engine: queues named through project classes', () => {
  const result = analyzeFiles(files);
  const queues = result.queues.map((q) => `${q.role} ${q.name} ${q.file}:${q.line}${q.via ? ` via ${q.via}` : ''}`).sort();

  it('lists each queue and worker where a caller writes its name, with the chain of members it went through', () => {
    assert.deepStrictEqual(
      queues.filter((q) => !q.startsWith('producer')),
      [
        // An orphan factory nobody calls: a queue is made there, its name unknown.
        `definition ? ${at('apps/api/orphan.ts', 'new Queue(name)')}`,
        // A wrapper nobody calls hands the name on to nobody: unknown, where it calls the factory.
        `definition ? ${at('apps/api/orphan.ts', 'this.bull.createQueue(name')} via BullMqService.createQueue(topic)`,
        // A name the code does not write down is unknown, but the queue is still the subclass's.
        `definition ? ${at('libs/queues/dynamic-queue.service.ts', 'super(')} via QueueBaseService(topic) → BullMqService.createQueue(topic)`,
        `definition audit ${at('apps/api/reports.ts', "bull.createQueue('audit'")} via BullMqService.createQueue(topic)`,
        // A subclass that keeps its base's constructor: `new ExportQueue('exports')` calls NamedQueue's.
        `definition exports ${at('apps/api/named.ts', "new ExportQueue('exports')")} via NamedQueue(name)`,
        `definition mail ${at('libs/queues/mail-queue.service.ts', 'super(JobTopic.MAIL')} via QueueBaseService(topic) → BullMqService.createQueue(topic)`,
        `definition reports ${at('apps/api/reports.ts', 'queues.make(topic)')} via Queues.make(name) → BullMqService.createQueue(topic)`,
        `consumer webhook-delivery ${at('apps/worker/webhook.worker.ts', 'super(JobTopic.WEBHOOK')} via WorkerBaseService(topic) → BullMqService.createWorker(topic)`,
      ].sort(),
    );
  });

  it('does not list the factory itself once callers name its queues, nor a test calling it, nor a lookalike method', () => {
    assert.ok(!queues.some((q) => q.includes('libs/bull/bull-mq.service.ts:') && !q.startsWith('producer')), queues.join('\n'));
    assert.ok(!queues.some((q) => q.includes('from-a-test') || q.includes('lookalike')), queues.join('\n'));
  });

  it('reads a string member of an imported enum wherever a string constant is read', () => {
    const mail = result.queues.find((q) => q.name === 'mail');
    assert.strictEqual(mail?.file, 'libs/queues/mail-queue.service.ts');
    // A member without a string initialiser is not a name.
    const numbered = analyzeFiles({
      'package.json': PKG,
      'src/topics.ts': `export enum Topic { A = 'a', B }\n`,
      'src/queues.ts': `import { Queue } from 'bullmq';\nimport { Topic } from './topics';\nexport const a = new Queue(Topic.A);\nexport const b = new Queue(Topic.B);\n`,
    });
    assert.deepStrictEqual(numbered.queues.map((q) => `${q.role} ${q.name} ${q.line}`), ['definition ? 4', 'definition a 3']);
  });
});
