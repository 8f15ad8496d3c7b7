// The analysis result (`strangler analyze --json`) against its published schema, schemas/analysis.schema.json: the
// goldens and a fresh analysis of the bundled example match it, and it rejects what the TypeScript types would.
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { type ValidateFunction } from 'ajv';
import { CONCERNS, SCHEMA_VERSION, type AnalysisResult, type SiteKind } from '../../server/src/engine/model';
import { DEFAULT_WEIGHTS } from '../../server/src/rules/rulePack';
import { analyzeFixture, fixtureProjects, GOLDEN_DIR, REPO, serialize } from '../fixtureRuns';

interface Schema {
  properties: { schemaVersion: { const: unknown } };
  definitions: Record<string, { enum?: string[]; properties?: Record<string, { properties?: Record<string, unknown> }> }>;
}

function readJson<T = Record<string, unknown>>(file: string): T {
  return JSON.parse(fs.readFileSync(path.join(REPO, file), 'utf8'));
}

/** Each error as its place and message, with the name of an unexpected property (ajv keeps it in the params). */
function problems(validate: ValidateFunction, data: unknown): string[] {
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}${e.params.additionalProperty ? `: ${e.params.additionalProperty}` : ''}`);
}

const GOLDENS = fs.readdirSync(GOLDEN_DIR).filter((name) => name.endsWith('.analysis.json')).sort();

describe('analysis schema', () => {
  let schema: Schema;
  let analysisSchema: ValidateFunction;
  /** A fresh copy of the bundled example's golden, to mutate. */
  const shop = (): AnalysisResult => readJson<AnalysisResult>(path.join('test', 'golden', 'legacy-shop.analysis.json'));
  before(() => {
    schema = readJson<Schema>('schemas/analysis.schema.json');
    const ajv = new Ajv({ allErrors: true });
    ajv.addSchema(schema);
    analysisSchema = ajv.getSchema('urn:strangler:schema:analysis')!;
    assert.ok(analysisSchema, 'the schema is registered under its $id');
  });

  it('every golden analysis (test/golden/*.analysis.json) matches schemas/analysis.schema.json', () => {
    assert.ok(GOLDENS.length >= fixtureProjects().length, `a golden per fixture project, found ${GOLDENS.join(', ')}`);
    for (const name of GOLDENS) {
      assert.deepEqual(problems(analysisSchema, readJson(path.join('test', 'golden', name))), [], name);
    }
  });

  it('a fresh analysis of the bundled example, as the CLI prints it, matches the schema', () => {
    const result: AnalysisResult = JSON.parse(serialize(analyzeFixture(fixtureProjects()[0])));
    assert.equal(result.root, 'legacy-shop');
    assert.ok(result.modules.length > 0 && result.modules.some((m) => m.rank === 1), 'the example has ranked modules');
    assert.deepEqual(problems(analysisSchema, result), []);
  });

  it('the schema’s version, concerns and site kinds are the engine’s', () => {
    assert.equal(schema.properties.schemaVersion.const, SCHEMA_VERSION);
    assert.deepEqual(schema.definitions.concern.enum, [...CONCERNS]);
    // DEFAULT_WEIGHTS is a Record<SiteKind, number>: the compiler keeps its keys exactly the site kinds.
    const kinds = Object.keys(DEFAULT_WEIGHTS).sort();
    assert.deepEqual([...schema.definitions.siteKind.enum!].sort(), kinds);
    assert.deepEqual(Object.keys(schema.definitions.concernCoupling.properties!.byKind.properties!).sort(), kinds);
  });

  it('rejects an unknown property on a module', () => {
    const result = shop();
    Object.assign(result.modules[0], { complexity: 3 });
    assert.deepEqual(problems(analysisSchema, result), ['/modules/0 must NOT have additional properties: complexity']);
  });

  it('rejects a site kind that is not a site kind, in a site and in byKind', () => {
    const result = shop();
    const index = result.modules.findIndex((m) => m.sites.length > 0);
    const module = result.modules[index];
    const site = module.sites[0];
    site.kind = 'eval' as SiteKind;
    Object.assign(module.concerns[site.concern].byKind, { eval: 1 });
    assert.deepEqual(problems(analysisSchema, result), [
      `/modules/${index}/concerns/${site.concern}/byKind must NOT have additional properties: eval`,
      `/modules/${index}/sites/0/kind must be equal to one of the allowed values`,
    ]);
  });

  it('rejects rank 0, and a rank on test code', () => {
    const result = shop();
    const first = result.modules.findIndex((m) => m.rank === 1);
    const second = result.modules.findIndex((m) => m.rank === 2);
    assert.ok(first >= 0 && second >= 0);
    result.modules[first].rank = 0;
    result.modules[second].test = true;
    assert.deepEqual(problems(analysisSchema, result), [
      `/modules/${first}/rank must be >= 1`,
      `/modules/${second}/rank must be null`,
      `/modules/${second} must match "then" schema`,
    ]);
  });

  it('rejects a summary without its test counts', () => {
    const result = shop();
    delete (result.summary as Partial<AnalysisResult['summary']>).tests;
    assert.deepEqual(problems(analysisSchema, result), ["/summary must have required property 'tests'"]);
  });
});
