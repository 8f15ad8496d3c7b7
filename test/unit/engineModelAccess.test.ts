/**
 * Who reads and writes each model: calls on the model itself (`Order.count()`, `Pet.query().insert()`), on a
 * repository made from it (`@InjectRepository(User) repo: Repository<User>`, `orders().find()` with
 * `const orders = () => ds.getRepository(Order)`, a generic base's `Repository<T>` in a subclass naming the model),
 * on a Prisma delegate (`prisma.user.create`), and on a client naming the model class (`manager.decrement(Product, …)`). Each place below was read in the fixture's source.
 */
import * as assert from 'assert';
import { analyzeFixture, fixtureProjects } from '../fixtureRuns';
import { analyzeFiles } from './helpers/project';
import type { AnalysisResult, ModelEntry } from '../../server/src/engine/model';

const runs = new Map<string, AnalysisResult>();
function model(project: string, name: string): ModelEntry {
  let r = runs.get(project);
  if (!r) runs.set(project, (r = analyzeFixture(fixtureProjects().find((p) => p.name === project)!)));
  const m = r.models.find((x) => x.name === name);
  assert.ok(m, `${project}: no model ${name}`);
  return m;
}

describe('model readers and writers', () => {
  it("Sequelize: a model class used directly and through the barrel object (`models.Order.create`); a model a factory module makes", () => {
    const order = model('koa-sequelize-agenda', 'Order');
    assert.deepStrictEqual(order.readers, ['src/jobs/definitions.js:8', 'src/jobs/definitions.js:16', 'src/services/orderService.js:18']);
    // definitions.js:11 is `order.update(…)` on the instance `await Order.findByPk(…)` (:8) returned.
    assert.deepStrictEqual(order.writers, ['src/jobs/definitions.js:11', 'src/jobs/definitions.js:22', 'src/services/orderService.js:9', 'src/services/orderService.js:22']);
    // `module.exports = (sequelize) => sequelize.define('User', …)`, called as `require('./user')(sequelize)`.
    const user = model('koa-sequelize-agenda', 'User');
    assert.deepStrictEqual(user.readers, ['src/services/userService.js:6', 'src/services/userService.js:8', 'src/services/userService.js:17']);
    assert.deepStrictEqual(user.writers, ['src/services/userService.js:11', 'src/services/userService.js:19', 'src/services/userService.js:23']);
  });

  it("Mongoose: what a schema's statics and methods do with `this` is the model made from that schema's", () => {
    const src = `const mongoose = require('mongoose');

const ArticleSchema = new mongoose.Schema({ title: String, comments: [{ body: String }] });

ArticleSchema.statics = {
  load(id) {
    return this.findOne({ _id: id }).exec();
  },
};

ArticleSchema.statics.list = function (page) {
  return this.find().skip(page * 30).limit(30).exec();
};

ArticleSchema.methods = {
  addComment(body) {
    this.comments.push({ body });
    return this.save();
  },
};

ArticleSchema.pre('remove', function (next) {
  next();
});

mongoose.model('Article', ArticleSchema);
`;
    const r = analyzeFiles({ 'package.json': JSON.stringify({ name: 'blog', dependencies: { mongoose: '8' } }), 'app/models/article.js': src });
    const line = (needle: string) => `app/models/article.js:${src.split('\n').findIndex((l) => l.includes(needle)) + 1}`;
    const article = r.models.find((m) => m.name === 'Article')!;
    assert.deepStrictEqual(article.readers, [line('this.findOne('), line('this.find()')]);
    assert.deepStrictEqual(article.writers, [line('this.save()')]);
  });

  it('TypeORM repositories injected with @InjectRepository, typed Repository<T>, and a custom repository extending Repository<User>', () => {
    const user = model('nest-typeorm', 'User');
    // users.repository.ts:12 is `this.find(…)` in `class UsersRepository extends Repository<User>`.
    assert.deepStrictEqual(user.readers, ['src/users/users.repository.ts:12', 'src/users/users.service.ts:22', 'src/users/users.service.ts:51']);
    assert.deepStrictEqual(user.writers, ['src/users/users.service.ts:32', 'src/users/users.service.ts:42', 'src/users/users.service.ts:46']);
  });

  it('TypeORM repositories returned by a project function, and an EntityManager call naming the entity', () => {
    const item = model('legacy-shop', 'OrderItem');
    assert.deepStrictEqual(item.readers, ['src/orders/orders.service.ts:37']);
    assert.deepStrictEqual(item.writers, ['src/orders/orders.service.ts:46', 'src/orders/orders.service.ts:53']);
    assert.deepStrictEqual(model('legacy-shop', 'Product').writers!.filter((w) => w.startsWith('src/orders/')), ['src/orders/orders.service.ts:67']);
  });

  it('Prisma delegates, also on a transaction client', () => {
    const order = model('fastify-prisma-bullmq', 'Order');
    assert.deepStrictEqual(order.readers, ['src/services/orderService.ts:19']);
    assert.deepStrictEqual(order.writers, ['src/services/orderService.ts:7', 'src/services/orderService.ts:23']);
  });

  it('Objection: a chain writes when any of its methods writes', () => {
    const pet = model('monorepo-knex-objection', 'Pet');
    assert.deepStrictEqual(pet.readers, ['packages/api/src/routes/people.ts:24', 'packages/worker/src/index.ts:12']);
    assert.deepStrictEqual(pet.writers, ['packages/api/src/routes/people.ts:28', 'packages/worker/src/index.ts:15']);
  });

  it('a model used only in ways not followed gets no lists rather than empty ones', () => {
    // legacy-shop's Address is only reached through relations (`Order.shippingAddress`).
    const address = model('legacy-shop', 'Address');
    assert.strictEqual(address.readers, undefined);
    assert.strictEqual(address.writers, undefined);
  });

  it('a generic base repository (`repo: Repository<T>` in BaseRepository<T>) reads and writes each model its subclasses name', () => {
    // legacy-shop: UserRepository extends BaseRepository<User>, ProductRepository extends BaseRepository<Product>.
    const base = ['src/shared/BaseRepository.ts:18', 'src/shared/BaseRepository.ts:38'];
    const baseWrites = ['src/shared/BaseRepository.ts:30', 'src/shared/BaseRepository.ts:34'];
    const user = model('legacy-shop', 'User');
    assert.deepStrictEqual(user.readers, [...base, 'src/users/UserRepository.ts:10', 'src/users/UserRepository.ts:14']);
    assert.deepStrictEqual(user.writers, baseWrites);
    const product = model('legacy-shop', 'Product');
    assert.deepStrictEqual(product.readers, ['src/catalog/ProductRepository.ts:10', 'src/orders/orders.service.ts:45', ...base]);
    assert.deepStrictEqual(product.writers, ['src/catalog/ProductRepository.ts:17', 'src/orders/orders.service.ts:67', ...baseWrites]);
  });

  it('a type parameter passed on through a generic subclass, as a constructor parameter property; a type argument that is no model binds nothing', () => {
    const entities = `import { Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('accounts')
export class Account {
  @PrimaryGeneratedColumn() id: number;
}

@Entity('invoices')
export class Invoice {
  @PrimaryGeneratedColumn() id: number;
}
`;
    const base = `import { Repository } from 'typeorm';

export abstract class Store<K, T> {
  constructor(protected readonly repo: Repository<T>, readonly label: K) {}

  all() {
    return this.repo.find();
  }

  put(row: T) {
    return this.repo.save(row);
  }
}

export abstract class CachedStore<T> extends Store<string, T> {
  first() {
    return this.repo.findOne({ where: {} });
  }
}
`;
    const stores = `import { DataSource } from 'typeorm';
import { CachedStore, Store } from './base';
import { Account, Invoice } from './entities';

const ds = new DataSource({ type: 'postgres' });

export class AccountStore extends CachedStore<Account> {
  constructor() {
    super(ds.getRepository(Account), 'accounts');
  }
  recent() {
    return this.repo.find({ take: 10 });
  }
}

interface Row { id: number }
export class RowStore extends Store<number, Row> {}
`;
    const r = analyzeFiles({ 'package.json': '{"name":"api"}', 'src/entities.ts': entities, 'src/base.ts': base, 'src/stores.ts': stores });
    const at = (file: string, text: string, needle: string) => `${file}:${text.slice(0, text.indexOf(needle)).split('\n').length}`;
    const account = r.models.find((m) => m.name === 'Account')!;
    assert.deepStrictEqual(account.readers, [at('src/base.ts', base, 'find()'), at('src/base.ts', base, 'findOne('), at('src/stores.ts', stores, 'find({ take')]);
    assert.deepStrictEqual(account.writers, [at('src/base.ts', base, 'save(')]);
    // Invoice has no repository subclass; Row is an interface: nothing is attributed to either.
    assert.strictEqual(r.models.find((m) => m.name === 'Invoice')!.readers, undefined);
    assert.strictEqual(r.models.find((m) => m.name === 'Row'), undefined);
  });

  it('an entity a project service hands back (await getUserById(id) with getUserById = async (id) => User.findById(id)) is the model\'s where it is used', () => {
    const model = `const mongoose = require('mongoose');\nconst userSchema = new mongoose.Schema({ name: String });\nmodule.exports = mongoose.model('User', userSchema);\n`;
    const service = `const User = require('./user.model');

const getUserById = async (id) => User.findById(id);
const listUsers = async () => {
  return User.find();
};

const rename = async (id, name) => {
  const user = await getUserById(id);
  user.name = name;
  await user.save();
  const all = await listUsers();
  for (const other of all) await other.remove();
  return user;
};

module.exports = { getUserById, listUsers, rename };
`;
    const controller = `const userService = require('./user.service');\n\nexports.update = async (req, res) => {\n  const user = await userService.getUserById(req.params.id);\n  await user.save();\n  res.send(user);\n};\n`;
    const r = analyzeFiles({ 'package.json': '{"name":"api"}', 'src/user.model.js': model, 'src/user.service.js': service, 'src/user.controller.js': controller });
    const user = r.models.find((m) => m.name === 'User')!;
    assert.deepStrictEqual(user.writers, ['src/user.controller.js:5', 'src/user.service.js:11', 'src/user.service.js:13']);
    // Its fields are data: `user.name = name` is no site.
    const sites = r.modules.find((m) => m.path === 'src/user.service.js')!.sites.filter((s) => s.line === 10);
    assert.deepStrictEqual(sites, []);
  });

  it('a Mongoose model injected with @InjectModel and typed Model<T>: its calls read and write T', () => {
    const schema = `import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

@Schema({ collection: 'users' })
export class UserDoc {
  @Prop() email: string;
}
export const UserSchema = SchemaFactory.createForClass(UserDoc);
`;
    const repo = `import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { UserDoc } from './user.schema';

@Injectable()
export class UsersRepository {
  constructor(@InjectModel(UserDoc.name) private readonly users: Model<UserDoc>) {}

  byEmail(email: string) {
    return this.users.findOne({ email }).lean();
  }

  remove(id: string) {
    return this.users.deleteOne({ _id: id });
  }

  async add(email: string) {
    const doc = new this.users({ email });
    return doc.save();
  }
}
`;
    const r = analyzeFiles({ 'package.json': '{"name":"api"}', 'src/user.schema.ts': schema, 'src/users.repository.ts': repo });
    const user = r.models.find((m) => m.name === 'UserDoc')!;
    assert.ok(user, JSON.stringify(r.models));
    const line = (needle: string) => `src/users.repository.ts:${repo.slice(0, repo.indexOf(needle)).split('\n').length}`;
    assert.deepStrictEqual(user.readers, [line('findOne(')]);
    // deleteOne on the model is a write; so is `doc.save()` on the document `new this.users(…)` made.
    assert.deepStrictEqual(user.writers, [line('deleteOne('), line('doc.save(')]);
  });

  it('an entity: the awaited result of a finder, `new Model()`, or a typed parameter; its own methods read or write, its fields are data', () => {
    const models = `import { Entity, PrimaryGeneratedColumn, Column, BaseEntity } from 'typeorm';
import mongoose from 'mongoose';

@Entity('accounts')
export class Account extends BaseEntity {
  @PrimaryGeneratedColumn() id: number;
  @Column() balance: number;
}

export const Visit = mongoose.model('Visit', new mongoose.Schema({ path: String }));
`;
    const service = `import { Account, Visit } from './models';

export async function credit(id: number, cents: number) {
  const account = await Account.findOneBy({ id });
  if (!account) return;
  account.balance += cents;
  await account.save();
  const copy = account.balance;
  return copy;
}

export async function close(account: Account) {
  await account.reload();
  await account.remove();
}

export async function track(path: string) {
  const visit = new Visit({ path });
  visit.path = path.toLowerCase();
  await visit.save();
  const seen = await Visit.findOne({ path }).exec();
  if (seen) await seen.deleteOne();
  const all = await Visit.find({ path });
  return all.length;
}
`;
    const r = analyzeFiles({ 'package.json': '{"name":"api"}', 'src/models.ts': models, 'src/service.ts': service });
    const line = (needle: string) => `src/service.ts:${service.slice(0, service.indexOf(needle)).split('\n').length}`;
    const account = r.models.find((m) => m.name === 'Account')!;
    assert.deepStrictEqual(account.readers, [line('findOneBy('), line('reload(')]);
    assert.deepStrictEqual(account.writers, [line('account.save('), line('remove(')]);
    const visit = r.models.find((m) => m.name === 'Visit')!;
    assert.deepStrictEqual(visit.readers, [line('Visit.findOne('), line('Visit.find({')]);
    assert.deepStrictEqual(visit.writers, [line('visit.save('), line('seen.deleteOne(')]);
    // The fields are data: `account.balance += …`, `visit.path = …`, `all.length` are no sites; the methods are.
    const texts = r.modules.find((m) => m.path === 'src/service.ts')!.sites.map((s) => s.text);
    for (const data of ['account.balance', 'visit.path', 'all.length', 'copy']) assert.ok(!texts.includes(data), `${data} is a site: ${texts.join(', ')}`);
    for (const api of ['account.save', 'account.reload', 'account.remove', 'visit.save', 'seen.deleteOne']) assert.ok(texts.includes(api), `${api} is no site: ${texts.join(', ')}`);
  });

  it("MikroORM: a custom repository (`extends EntityRepository<User>`) reads its model; an entity's Collection and Reference fields are the ORM's, its other fields data", () => {
    const entities = `import { Collection, Entity, ManyToMany, ManyToOne, PrimaryKey, Property, Ref } from '@mikro-orm/core';

@Entity()
export class User {
  @PrimaryKey() id!: number;
  @Property() name!: string;
  @ManyToMany(() => User) followers = new Collection<User>(this);
  @ManyToOne(() => User) manager!: Ref<User>;
}
`;
    const repo = `import { EntityRepository } from '@mikro-orm/core';
import { User } from './user.entity';

export class UserRepository extends EntityRepository<User> {}
`;
    const service = `import { EntityManager } from '@mikro-orm/core';
import { UserRepository } from './user.repository';

export class FollowService {
  constructor(private readonly users: UserRepository, private readonly em: EntityManager) {}

  async follow(id: number, followerId: number) {
    const user = await this.users.findOneOrFail(id, { populate: ['followers'] });
    const follower = await this.users.findOne(followerId);
    if (!follower) return 0;
    user.name = user.name.trim();
    if (!user.followers.contains(follower)) user.followers.add(follower);
    const boss = await user.manager.load();
    await this.em.flush();
    return user.followers.count() + (boss ? 1 : 0);
  }
}
`;
    const r = analyzeFiles({ 'package.json': '{"name":"api"}', 'src/user.entity.ts': entities, 'src/user.repository.ts': repo, 'src/follow.service.ts': service });
    const line = (needle: string) => service.slice(0, service.indexOf(needle)).split('\n').length;
    const user = r.models.find((m) => m.name === 'User')!;
    assert.deepStrictEqual(user.readers, [`src/follow.service.ts:${line('findOneOrFail(')}`, `src/follow.service.ts:${line('findOne(followerId')}`]);
    const sites = r.modules.find((m) => m.path === 'src/follow.service.ts')!.sites.map((s) => `${s.line} ${s.text}`);
    for (const api of [`${line('user.followers.contains')} user.followers.contains`, `${line('user.followers.add')} user.followers.add`, `${line('user.manager.load')} user.manager.load`, `${line('user.followers.count')} user.followers.count`]) {
      assert.ok(sites.includes(api), `${api} is no site: ${sites.join(', ')}`);
    }
    assert.ok(!sites.some((s) => s.startsWith(`${line('user.name =')} `)), `user.name is data: ${sites.join(', ')}`);
  });

  it('a list of entities (`await User.findAll()`): each element is an entity, in a loop, a callback, `find()` or `[0]`; handling the array is data', () => {
    const models = `const { Sequelize, DataTypes } = require('sequelize');
const sequelize = new Sequelize(process.env.DATABASE_URL);
const Order = sequelize.define('Order', { status: DataTypes.STRING, total: DataTypes.INTEGER });
module.exports = { sequelize, Order };
`;
    const service = `const { Order } = require('./models');

async function closeStale(days) {
  const stale = await Order.findAll({ where: { status: 'open' } });
  const count = stale.length;
  for (const order of stale) {
    order.status = 'closed';
    await order.save();
  }
  await Promise.all(stale.filter((o) => o.total === 0).map((o) => o.destroy()));
  const biggest = stale.find((o) => o.total > 1000);
  if (biggest) await biggest.reload();
  await stale[0].increment('total');
  const [first] = stale;
  await first.update({ status: 'first' });
  const totals = stale.map((o) => o.total);
  return { count, totals, days };
}

module.exports = { closeStale };
`;
    const r = analyzeFiles({ 'package.json': '{"name":"shop"}', 'src/models.js': models, 'src/service.js': service });
    const line = (needle: string) => `src/service.js:${service.slice(0, service.indexOf(needle)).split('\n').length}`;
    const order = r.models.find((m) => m.name === 'Order')!;
    assert.deepStrictEqual(order.readers, [line('Order.findAll('), line('biggest.reload(')]);
    assert.deepStrictEqual(order.writers, [line('order.save('), line('o.destroy('), line("stale[0].increment("), line('first.update(')]);
    const texts = r.modules.find((m) => m.path === 'src/service.js')!.sites.map((s) => `${s.line} ${s.text}`);
    const at = (needle: string) => Number(line(needle).split(':')[1]);
    assert.deepStrictEqual(texts, [
      `1 Order from './models'`,
      `${at('Order.findAll(')} Order.findAll`,
      `${at('order.save(')} order.save`,
      `${at('o.destroy(')} o.destroy`,
      `${at('biggest.reload(')} biggest.reload`,
      `${at('stale[0]')} stale[0].increment`,
      `${at('first.update(')} first.update`,
    ]);
  });

  it("an entity's methods the project declared (on the model or a project base class) are the project's API; the framework's are sites", () => {
    const base = `import { Model } from 'sequelize-typescript';

export abstract class BaseModel extends Model {
  async destroyWithCtx(ctx: { actor: string }) {
    return this.destroy();
  }
}
`;
    const user = `import { Table, Column } from 'sequelize-typescript';
import { BaseModel } from './base';

@Table({ tableName: 'users' })
export class User extends BaseModel {
  @Column email: string;

  isAdmin(): boolean {
    return this.email.endsWith('@corp.example');
  }

  get domain() {
    return this.email.split('@')[1];
  }
}
`;
    const service = `import { User } from './models/user';

export async function purge(id: string, actor: string) {
  const user = await User.findByPk(id);
  if (!user || user.isAdmin()) return;
  await user.reload();
  await user.destroyWithCtx({ actor });
  const everyone = await User.findAll();
  for (const u of everyone) if (u.isAdmin()) await u.update({ email: u.domain });
}
`;
    const r = analyzeFiles({ 'package.json': '{"name":"api"}', 'src/models/base.ts': base, 'src/models/user.ts': user, 'src/service.ts': service });
    const texts = r.modules.find((m) => m.path === 'src/service.ts')!.sites.map((s) => s.text);
    assert.deepStrictEqual(texts, [`User from './models/user'`, 'User.findByPk', 'user.reload', 'User.findAll', 'u.update']);
    const model = r.models.find((m) => m.name === 'User')!;
    const line = (needle: string) => `src/service.ts:${service.slice(0, service.indexOf(needle)).split('\n').length}`;
    assert.deepStrictEqual(model.readers, [line('findByPk'), line('reload'), line('findAll')]);
    assert.deepStrictEqual(model.writers, [line('u.update')]);
  });

  it("Sequelize's registry of models by name: sequelize.models.User.findAll(), also through an Express app setting", () => {
    const db = `const { Sequelize, DataTypes } = require('sequelize');

const sequelize = new Sequelize('sqlite::memory:');
sequelize.define('User', { email: DataTypes.STRING });
module.exports = sequelize;
`;
    const app = `const express = require('express');
const sequelize = require('./db');

const app = express();
app.set('sequelize', sequelize);
app.get('/users', async (req, res) => {
  res.json(await req.app.get('sequelize').models.User.findAll());
});
app.post('/users', async (req, res) => {
  res.json(await sequelize.models.User.create({ email: String(req.body.email) }));
});
module.exports = app;
`;
    const r = analyzeFiles({ 'package.json': '{"name":"api"}', 'src/db.js': db, 'src/app.js': app });
    const user = r.models.find((m) => m.name === 'User')!;
    assert.ok(user, JSON.stringify(r.models));
    const line = (needle: string) => `src/app.js:${app.slice(0, app.indexOf(needle)).split('\n').length}`;
    assert.deepStrictEqual(user.readers, [line('findAll(')]);
    assert.deepStrictEqual(user.writers, [line('create(')]);
  });
});
