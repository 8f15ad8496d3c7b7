// Golden tests of every export format on the bundled example, and determinism: the same state gives the same bytes.
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { EXPORT_FORMATS, type ExportFormat } from '../../server/src/engine/export';
import { EXPORT_GOLDEN_DIR, EXPORT_GOLDEN_FILES, exampleExportInput, exportAll, hostileExportInput } from '../exportRuns';

function firstDifference(actual: string, expected: string): string {
  const a = actual.split('\n');
  const e = expected.split('\n');
  const i = a.findIndex((line, k) => line !== e[k]);
  return `line ${i + 1}:\n  expected: ${e[i]}\n  actual:   ${a[i]}`;
}

describe('exports of the bundled example match their golden files', () => {
  let exports: Record<ExportFormat, string>;
  before(() => {
    exports = exportAll(exampleExportInput());
  });
  for (const format of EXPORT_FORMATS) {
    it(format, () => {
      const file = path.join(EXPORT_GOLDEN_DIR, EXPORT_GOLDEN_FILES[format]);
      assert.ok(fs.existsSync(file), `no golden file ${file}: run npm run fixtures:regenerate and review it`);
      const expected = fs.readFileSync(file, 'utf8');
      if (exports[format] !== expected) assert.fail(`${format} differs from ${file} at ${firstDifference(exports[format], expected)}\n(run npm run fixtures:regenerate and review the diff if the change is intended)`);
    });
  }
});

describe('exports are deterministic', () => {
  it('two analyses of the same tree export byte-identical files in every format', () => {
    const first = exportAll(exampleExportInput());
    const second = exportAll(exampleExportInput());
    for (const format of EXPORT_FORMATS) assert.equal(second[format], first[format], format);
  });

  it('the same holds for the hostile workspace, whose analysis runs in a fresh temporary folder each time', () => {
    const first = exportAll(hostileExportInput());
    const second = exportAll(hostileExportInput());
    for (const format of EXPORT_FORMATS) assert.equal(second[format], first[format], format);
  });
});
