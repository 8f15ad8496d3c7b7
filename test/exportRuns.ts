/**
 * The inputs the export tests, the golden files and the validators share: the bundled example as `strangler export`
 * sees it (no plan file, so the drafted plan; churn off), and a small hostile workspace whose route paths, file
 * names, queue names and plan titles are made to break out of every format — with one route group moved to the
 * modern app, so the façade table has both upstreams.
 */
import * as fs from 'fs';
import * as path from 'path';
import { EXPORT_MAX_VIOLATIONS, EXPORT_FORMATS, exportRoadmap, type ExportFormat, type ExportInput, type ExportOptions } from '../server/src/engine/export';
import { analyzeSync } from '../server/src/engine';
import { normalizeOptions } from '../server/src/engine/normalize';
import { generatePlan } from '../server/src/engine/plan/generate';
import { evaluatePlan } from '../server/src/engine/verify/evaluate';
import { readWorkspace } from '../server/src/engine/verify/workspace';
import { parsePlan } from '../server/src/planfile/parse';
import { analyzeFixture, fixtureProjects, GOLDEN_DIR } from './fixtureRuns';
import { writeProject } from './unit/helpers/project';

export const EXPORT_GOLDEN_DIR = path.join(GOLDEN_DIR, 'export');

/** The golden file of each format for the bundled example. */
export const EXPORT_GOLDEN_FILES: Record<ExportFormat, string> = {
  markdown: 'legacy-shop.md',
  html: 'legacy-shop.html',
  json: 'legacy-shop.json',
  csv: 'legacy-shop.csv',
  sarif: 'legacy-shop.sarif',
  'routes-json': 'legacy-shop.routes.json',
  nginx: 'legacy-shop.nginx.conf',
};

/** What `strangler export --churn-days 0` exports for the bundled example, which has no plan file. */
export function exampleExportInput(): ExportInput {
  const shop = fixtureProjects()[0];
  const result = analyzeFixture(shop);
  const workspace = readWorkspace(shop.dir);
  const plan = generatePlan(result, { workspace });
  return { result, plan, evaluation: evaluatePlan(plan, result, workspace, { maxViolations: EXPORT_MAX_VIOLATIONS }), workspace: result.root };
}

export function exportAll(input: ExportInput, options: ExportOptions = {}): Record<ExportFormat, string> {
  return Object.fromEntries(EXPORT_FORMATS.map((format) => [format, exportRoadmap(format, input, options)])) as Record<ExportFormat, string>;
}

/** Route paths and names that would end a table cell, a Markdown line, an HTML element, an nginx block or a CSV cell. */
export const HOSTILE = {
  injection: `/x"; } server { listen 1; } location / { return 200 "pwned`,
  quote: '/q"; return 200 "pwned; #',
  script: '/a|b <script>alert(1)</script>',
  formula: '/=cmd|calc',
  backslash: '/back\\slash\\t',
  newline: '/new\nline',
  queue: '=HYPERLINK("http://example.invalid")|<script>alert(2)</script>',
  /** A folder of its own, so that it is a migration unit and its name a node of the unit map. */
  unit: 'src/we|rd "<dir>" #1',
  file: 'src/we|rd "<dir>" #1/repo `x`.js',
};

const HOSTILE_FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'hostile', dependencies: { express: '4', fastify: '4', bull: '4', typeorm: '0.3' } }),
  'src/app.js': `const express = require('express');
const app = express();
const ok = (req, res) => res.send('ok');
app.get('/health', ok);
app.get('/api/orders/:id/items/:itemId?', ok);
app.post('/api/orders/:id/items/:itemId?', ok);
app.get('/files/*', ok);
app.get('/v1.0/:id', ok);
app.get('/api/:kind/:id', ok);
app.get(${JSON.stringify(HOSTILE.injection)}, ok);
app.get(${JSON.stringify(HOSTILE.quote)}, ok);
app.get(${JSON.stringify(HOSTILE.script)}, ok);
app.get(${JSON.stringify(HOSTILE.formula)}, ok);
app.get(${JSON.stringify(HOSTILE.backslash)}, ok);
app.get(${JSON.stringify(HOSTILE.newline)}, ok);
app.listen(3000);
`,
  'src/modern.js': `const fastify = require('fastify')();
fastify.get('/users', async () => []);
fastify.get('/users/:id', async () => ({}));
fastify.get('/api/orders/:id', async () => ({}));
fastify.listen({ port: 3001 });
`,
  'src/jobs.js': `const Queue = require('bull');
const queue = new Queue(${JSON.stringify(HOSTILE.queue)});
queue.add({ to: 'x' });
`,
  [HOSTILE.file]: `const { DataSource } = require('typeorm');
const source = new DataSource({ type: 'postgres' });
module.exports = source.getRepository('User').find();
`,
};

/** A plan whose titles are hostile too; `users` is done and verified (its routes are on Fastify), `health` is done but regressed. */
export const HOSTILE_PLAN = `plan "Leave Express | <script>alert(1)</script> & \\"quotes\\""
  move routing from express to fastify
  move orm from typeorm to prisma

phase "Phase: one; #1 | <b>bold</b> \`tick\`"
  step users-routes "Serve /users from Fastify | \\"quoted\\" <script>alert(3)</script>"
    check routes /users/** served-by legacy none
    status done 2026-01-15
  step health-routes "Serve /health: %% not a comment"
    check routes /health served-by legacy none
    status done 2026-01-16
  step formula "=cmd|' /C calc'!A0"
    check none orm in src/**
  step minus "-2+3 @SUM(1)"
    check dependency express present
    status doing

phase "section click title"
  step click "click href call"
    check routes /files/** served-by legacy at-most 1
`;

export function hostileExportInput(): ExportInput {
  const root = writeProject(HOSTILE_FILES);
  try {
    const result = analyzeSync(normalizeOptions({ root, churnDays: 0 }));
    const parsed = parsePlan(HOSTILE_PLAN);
    const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length) throw new Error(`the hostile plan does not parse: ${errors.map((d) => `${d.line + 1}: ${d.message}`).join('; ')}`);
    const evaluation = evaluatePlan(parsed.plan, result, readWorkspace(root), { maxViolations: EXPORT_MAX_VIOLATIONS });
    return { result, plan: parsed.plan, evaluation, workspace: 'hostile <workspace> | "x"', planFile: 'migration.strangler' };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
