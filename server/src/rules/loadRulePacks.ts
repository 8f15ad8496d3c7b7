/** Loads rule packs — the built-in ones bundled with the product and a workspace's own — and checks them against the schema. */
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { type ErrorObject } from 'ajv';
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import type { Problem } from '../engine/model';
import type { RulePack } from './rulePack';
import schema from './rulePack.schema.json';
// Built-ins are imported statically so the bundler inlines them: no file reads at run time.
import drizzle from './packs/drizzle.json';
import knex from './packs/knex.json';
import mikroOrm from './packs/mikro-orm.json';
import mongoose from './packs/mongoose.json';
import objection from './packs/objection.json';
import prisma from './packs/prisma.json';
import sequelize from './packs/sequelize.json';
import sequelizeTypescript from './packs/sequelize-typescript.json';
import typeorm from './packs/typeorm.json';
import express from './packs/express.json';
import fastify from './packs/fastify.json';
import hapi from './packs/hapi.json';
import koa from './packs/koa.json';
import koaRouter from './packs/koa-router.json';
import nestjs from './packs/nestjs.json';
import routingControllers from './packs/routing-controllers.json';
import agenda from './packs/agenda.json';
import beeQueue from './packs/bee-queue.json';
import bull from './packs/bull.json';
import bullmq from './packs/bullmq.json';
import nestjsBull from './packs/nestjs-bull.json';
import nestjsBullmq from './packs/nestjs-bullmq.json';
import nestjsSchedule from './packs/nestjs-schedule.json';
import nodeCron from './packs/node-cron.json';
import nodeSchedule from './packs/node-schedule.json';
import cron from './packs/cron.json';
import expressSession from './packs/express-session.json';
import fastifySession from './packs/fastify-session.json';
import koaSession from './packs/koa-session.json';
import cookieSession from './packs/cookie-session.json';

/** File name (without `.json`) → parsed pack; the name must equal the pack's id. */
const BUILTIN_SOURCES: Record<string, unknown> = {
  drizzle, knex, 'mikro-orm': mikroOrm, mongoose, objection, prisma, sequelize, 'sequelize-typescript': sequelizeTypescript,
  typeorm, express, fastify, hapi, koa, 'koa-router': koaRouter, nestjs, 'routing-controllers': routingControllers, agenda, 'bee-queue': beeQueue, bull, bullmq,
  'nestjs-bull': nestjsBull, 'nestjs-bullmq': nestjsBullmq, 'nestjs-schedule': nestjsSchedule, 'node-cron': nodeCron, 'node-schedule': nodeSchedule, cron, 'express-session': expressSession,
  'fastify-session': fastifySession, 'koa-session': koaSession, 'cookie-session': cookieSession,
};

const USER_PACK_EXTENSIONS = new Set(['.json', '.yaml', '.yml']);
const MAX_PACK_BYTES = 1024 * 1024;
const MAX_ERRORS_PER_FILE = 10;

// `verbose` keeps each error's parent schema, so an unknown property can be reported with the allowed ones.
const ajv = new Ajv({ allErrors: true, strict: true, verbose: true });
const validatePack = ajv.compile<RulePack>(schema);

let builtinCache: RulePack[] | undefined;

/**
 * The built-in packs, sorted by id. They are validated on first use and a broken one throws: it is a bug in the
 * product, not in the user's input. The packs are shared: treat them as read-only.
 */
export function builtinRulePacks(): RulePack[] {
  if (!builtinCache) {
    const packs: RulePack[] = [];
    const errors: string[] = [];
    for (const [name, data] of Object.entries(BUILTIN_SOURCES)) {
      const file = `packs/${name}.json`;
      const problems = schemaProblems(data, file, undefined);
      if (problems.length > 0) errors.push(...problems.map((p) => p.message));
      else if ((data as RulePack).id !== name) errors.push(`${file}: id '${(data as RulePack).id}' must equal the file name`);
      else packs.push(data as RulePack);
    }
    if (errors.length > 0) throw new Error(`Invalid built-in rule packs:\n${errors.join('\n')}`);
    builtinCache = packs.sort(byId);
  }
  return builtinCache.slice();
}

/**
 * Reads the workspace's own packs: every `*.json`, `*.yaml` and `*.yml` directly in `dir` (not in subfolders), in
 * file-name order. Each file that does not parse or does not match the schema becomes a 'bad-rule-pack' problem and
 * is skipped; the others still load. When two files declare the same id, the first one wins. A missing folder is not
 * a problem. Packs are data only: nothing in them is ever executed.
 */
export function loadUserRulePacks(dir: string): { packs: RulePack[]; problems: Problem[] } {
  const packs: RulePack[] = [];
  const problems: Problem[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => USER_PACK_EXTENSIONS.has(path.extname(n).toLowerCase())).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { packs, problems };
    return { packs, problems: [bad(dir, `${dir}: cannot read the rule pack folder (${(err as Error).message})`)] };
  }
  const seen = new Map<string, string>();
  for (const name of names) {
    const file = path.join(dir, name);
    const loaded = loadPackFile(file);
    if ('problems' in loaded) problems.push(...loaded.problems);
    else if (seen.has(loaded.pack.id)) {
      problems.push(bad(file, `${file}: rule pack id '${loaded.pack.id}' is already used by ${seen.get(loaded.pack.id)}; this file is ignored`));
    } else {
      seen.set(loaded.pack.id, file);
      packs.push(loaded.pack);
    }
  }
  return { packs, problems };
}

/**
 * Built-in packs plus the user's, sorted by id. A user pack whose id equals a built-in one replaces it entirely
 * (there is no field-by-field merge), so a workspace can correct or narrow a built-in framework.
 */
export function mergeRulePacks(builtin: readonly RulePack[], user: readonly RulePack[]): RulePack[] {
  const byPackId = new Map<string, RulePack>();
  for (const pack of builtin) byPackId.set(pack.id, pack);
  for (const pack of user) byPackId.set(pack.id, pack);
  return [...byPackId.values()].sort(byId);
}

function loadPackFile(file: string): { pack: RulePack } | { problems: Problem[] } {
  let text: string;
  try {
    if (fs.statSync(file).size > MAX_PACK_BYTES) return { problems: [bad(file, `${file}: larger than 1 MB; not a rule pack`)] };
    text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (err) {
    return { problems: [bad(file, `${file}: cannot read (${(err as Error).message})`)] };
  }
  const lineCounter = new LineCounter();
  let doc: Document | undefined;
  let data: unknown;
  if (path.extname(file).toLowerCase() === '.json') {
    // JSON.parse is the authority for .json files; a YAML reading of the text only serves to locate schema errors.
    try {
      data = JSON.parse(text);
    } catch (err) {
      const { line, column } = positionOf(text, jsonErrorOffset(text));
      const reason = (err as Error).message.replace(/ (?:in JSON )?at position \d+.*$|, [\s\S]*is not valid JSON$/, '');
      return { problems: [bad(file, `${file}: JSON syntax error at line ${line}, column ${column}: ${reason}`, line, column)] };
    }
  } else {
    doc = parseDocument(text, { lineCounter });
    const syntax = doc.errors[0];
    if (syntax) {
      const pos = syntax.linePos?.[0] ?? lineCounter.linePos(syntax.pos[0]);
      const reason = syntax.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      return { problems: [bad(file, `${file}: YAML syntax error at line ${pos.line}, column ${pos.col}: ${reason}`, pos.line, pos.col)] };
    }
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      return { problems: [bad(file, `${file}: ${(err as Error).message}`)] }; // e.g. too many alias expansions
    }
  }
  const problems = schemaProblems(data, file, (e) => {
    doc ??= parseDocument(text, { lineCounter });
    return doc.errors.length === 0 ? locate(doc, lineCounter, e) : undefined;
  });
  return problems.length > 0 ? { problems } : { pack: data as RulePack };
}

function schemaProblems(data: unknown, file: string, where?: (e: ErrorObject) => { line: number; col: number } | undefined): Problem[] {
  if (validatePack(data)) return [];
  // A bad property name is reported once, by its 'propertyNames' error, not also by the rule that name broke.
  const errors = (validatePack.errors ?? []).filter((e) => e.propertyName === undefined);
  const problems = errors.slice(0, MAX_ERRORS_PER_FILE).map((e) => {
    const pos = where?.(e);
    return bad(file, `${file}: at ${e.instancePath || 'the top level'}: ${describe(e)}`, pos?.line, pos?.col);
  });
  if (errors.length > MAX_ERRORS_PER_FILE) {
    problems.push(bad(file, `${file}: ${errors.length - MAX_ERRORS_PER_FILE} more schema errors not shown`));
  }
  return problems;
}

/** Says what was expected, naming the offending or allowed names where ajv's own message does not. */
function describe(e: ErrorObject): string {
  switch (e.keyword) {
    case 'additionalProperties': {
      const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const hint = allowed.length > 0 ? ` (allowed: ${allowed.join(', ')})` : '';
      return `unknown property '${e.params.additionalProperty}'${hint}`;
    }
    case 'enum':
      return `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'propertyNames': {
      const pattern = (e.parentSchema as { propertyNames?: { pattern?: string } } | undefined)?.propertyNames?.pattern;
      return `invalid name '${e.params.propertyName}'${pattern ? ` (must match ${pattern})` : ''}`;
    }
    default:
      return e.message ?? `fails '${e.keyword}'`;
  }
}

/** Line and column (1-based) of the node an error is about: the offending key for unknown or badly named properties. */
function locate(doc: Document, lineCounter: LineCounter, e: ErrorObject): { line: number; col: number } | undefined {
  const segments = e.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const key = e.keyword === 'additionalProperties' ? e.params.additionalProperty : e.keyword === 'propertyNames' ? e.params.propertyName : undefined;
  let node: unknown = doc.contents;
  for (const segment of segments) {
    if (!isMap(node) && !isSeq(node)) return undefined;
    node = node.get(isSeq(node) ? Number(segment) : segment, true);
  }
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    if (pair && isScalar(pair.key) && pair.key.range) return lineCounter.linePos(pair.key.range[0]);
  }
  const range = (node as { range?: [number, number, number] } | undefined)?.range;
  return range ? lineCounter.linePos(range[0]) : undefined;
}

/**
 * Offset of the first syntax error in text that JSON.parse rejected. Node only sometimes reports a position
 * ("Unexpected token 'x', … is not valid JSON" has none), so a minimal JSON reader scans the text again.
 */
function jsonErrorOffset(text: string): number {
  const literal = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
  let i = 0;
  const expect = (ok: boolean) => {
    if (!ok) throw i;
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const string = () => {
    expect(text[i] === '"');
    for (i++; text[i] !== '"'; i++) {
      expect(i < text.length && text.charCodeAt(i) >= 0x20);
      if (text[i] === '\\') i++;
    }
    i++;
  };
  const value = (): void => {
    space();
    const open = text[i];
    if (open === '"') return string();
    if (open !== '{' && open !== '[') {
      literal.lastIndex = i;
      expect(literal.test(text));
      i = literal.lastIndex;
      return;
    }
    const close = open === '{' ? '}' : ']';
    i++;
    space();
    while (text[i] !== close) {
      if (open === '{') (space(), string(), space(), expect(text[i] === ':'), i++);
      value();
      space();
      if (text[i] === close) break;
      expect(text[i] === ',');
      i++;
      space();
      expect(text[i] !== close); // a trailing comma
    }
    i++;
  };
  try {
    return (value(), space(), i);
  } catch (at) {
    return typeof at === 'number' ? at : text.length; // a RangeError from absurd nesting: point at the end
  }
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  const lines = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

function bad(file: string, message: string, line?: number, column?: number): Problem {
  return { severity: 'error', code: 'bad-rule-pack', message, file, ...(line !== undefined ? { line, column } : {}) };
}

const byId = (a: RulePack, b: RulePack) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
