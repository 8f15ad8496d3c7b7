// The JSON export against its published schema (schemas/roadmap.schema.json), and the SARIF export against the
// official SARIF 2.1.0 schema (a copy in test/schemas/, from the OASIS sarif-spec repository).
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { type ValidateFunction } from 'ajv';
import { exampleExportInput, exportAll, hostileExportInput } from '../exportRuns';
import { REPO } from '../fixtureRuns';

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(REPO, file), 'utf8'));
}

/**
 * The SARIF schema names the formats uri, uri-reference and date-time, which ajv leaves to a plugin; these
 * checks are the RFC 3986 and RFC 3339 shapes, strict enough to reject a space or a raw `|` in a URI.
 */
function withFormats(ajv: Ajv): Ajv {
  const reference = /^[A-Za-z0-9\-._~%!$&'()*+,;=:@/?#[\]]*$/;
  ajv.addFormat('uri-reference', (value: string) => reference.test(value) && !/%(?![0-9A-Fa-f]{2})/.test(value));
  ajv.addFormat('uri', (value: string) => /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value) && reference.test(value));
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  return ajv;
}

function problems(validate: ValidateFunction, data: unknown): string[] {
  return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

describe('export schemas', () => {
  let roadmapSchema: ValidateFunction;
  let facadeSchema: ValidateFunction;
  let sarifSchema: ValidateFunction;
  let example: ReturnType<typeof exportAll>;
  let hostile: ReturnType<typeof exportAll>;
  before(() => {
    const ajv = new Ajv({ allErrors: true });
    ajv.addSchema(readJson('schemas/roadmap.schema.json'));
    roadmapSchema = ajv.getSchema('urn:strangler:schema:roadmap')!;
    facadeSchema = ajv.compile({ $ref: 'urn:strangler:schema:roadmap#/definitions/facade' });
    // The official schema is draft-07, which ajv speaks; its language pattern `^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`
    // has a lone `]` that only non-unicode regular expressions accept, and it uses keywords strict mode refuses.
    sarifSchema = withFormats(new Ajv({ allErrors: true, strict: false, unicodeRegExp: false })).compile(readJson('test/schemas/sarif-schema-2.1.0.json'));
    example = exportAll(exampleExportInput());
    hostile = exportAll(hostileExportInput());
  });

  it('the JSON of the example and of the hostile workspace match schemas/roadmap.schema.json', () => {
    assert.deepEqual(problems(roadmapSchema, JSON.parse(example.json)), []);
    assert.deepEqual(problems(roadmapSchema, JSON.parse(hostile.json)), []);
  });

  it('the schema rejects what it should: a done step without its date, an unknown state, an extra field', () => {
    const roadmap = JSON.parse(hostile.json);
    const step = roadmap.phases[0].steps[0];
    assert.equal(step.status, 'done');
    delete step.date;
    roadmap.phases[0].steps[1].state = 'finished';
    roadmap.summary.extra = 1;
    const found = problems(roadmapSchema, roadmap).join('\n');
    assert.match(found, /steps\/0 must have required property 'date'/);
    assert.match(found, /steps\/1\/state must be equal to one of the allowed values/);
    assert.match(found, /summary must NOT have additional properties/);
  });

  it('the routing table of routes-json matches the schema’s façade definition', () => {
    for (const text of [example['routes-json'], hostile['routes-json']]) {
      const { upstreams, default: fallback, groups, routes, schemaVersion } = JSON.parse(text);
      assert.equal(schemaVersion, 1);
      assert.deepEqual(problems(facadeSchema, { upstreams, default: fallback, groups, routes }), []);
    }
  });

  it('the SARIF of the example and of the hostile workspace match the SARIF 2.1.0 schema', () => {
    assert.deepEqual(problems(sarifSchema, JSON.parse(example.sarif)), []);
    assert.deepEqual(problems(sarifSchema, JSON.parse(hostile.sarif)), []);
  });

  it('the SARIF schema rejects a bad level and a URI with a raw space', () => {
    const log = JSON.parse(hostile.sarif);
    log.runs[0].results[0].level = 'fatal';
    log.runs[0].results[1].locations[0].physicalLocation.artifactLocation.uri = 'src/a b.js';
    const found = problems(sarifSchema, log).join('\n');
    assert.match(found, /results\/0\/level must be equal to one of the allowed values/);
    assert.match(found, /results\/1\/locations\/0\/physicalLocation\/artifactLocation\/uri must match format "uri-reference"/);
  });

  it('SARIF results point at the violations, with rules indexed and relative URIs against %SRCROOT%', () => {
    const run = JSON.parse(example.sarif).runs[0];
    const failing = exampleExportInput().evaluation.steps.flatMap((step) => step.checks.filter((check) => !check.ok).map((check) => Math.max(1, check.count)));
    assert.equal(run.results.length, failing.reduce((sum, n) => sum + n, 0), 'one result per violation, or one per check without a place in the code');
    for (const result of run.results) {
      assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
      const location = result.locations[0].physicalLocation;
      assert.equal(location.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.ok(!location.artifactLocation.uri.startsWith('/'));
      assert.ok(location.region.startLine >= 1);
    }
    const prints = run.results.map((result: { partialFingerprints: Record<string, string> }) => result.partialFingerprints['strangler/v1']);
    assert.equal(new Set(prints).size, prints.length, 'fingerprints are unique');
  });
});
