/**
 * The failing checks of a plan as a SARIF 2.1.0 log for code-scanning UIs: one rule per step with a failing check,
 * one result per violation at its file, line and column (relative URIs against `%SRCROOT%`), and, for a check that
 * has no place in the code (a missing dependency), a result at the check's line in the plan file.
 */
import { createHash } from 'crypto';
import type { Roadmap, RoadmapCheck, RoadmapStep } from './roadmap';
import { checkCount } from './wording';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';

/** How loud a failing check is: a regression is an error; unfinished work is a warning while under way, else a note. */
function level(step: RoadmapStep): 'error' | 'warning' | 'note' {
  if (step.state === 'regressed') return 'error';
  return step.status === 'doing' ? 'warning' : 'note';
}

export function renderSarif(roadmap: Roadmap): string {
  const steps = roadmap.phases.flatMap((phase) => phase.steps).filter((step) => step.checks.some((check) => !check.ok));
  const rules = steps.map((step) => ({
    id: step.id,
    name: step.id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: step.title },
    fullDescription: { text: step.why ?? step.title },
    help: { text: [`Step ${step.id} of phase "${step.phase}". Checks:`, ...step.checks.map((check) => `- ${check.text}`), ...step.hints.map((hint) => `Hint: ${hint}`)].join('\n') },
    properties: { phase: step.phase, state: step.state, status: step.status },
  }));
  const results = steps.flatMap((step, ruleIndex) => step.checks.filter((check) => !check.ok).flatMap((check) => checkResults(step, ruleIndex, check, roadmap.plan.file)));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'strangler', version: roadmap.tool.version, semanticVersion: roadmap.tool.version, rules } },
        automationDetails: { id: `strangler/${roadmap.workspace}/` },
        originalUriBaseIds: { [SRCROOT]: { description: { text: `The root of the workspace ${roadmap.workspace}` } } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function checkResults(step: RoadmapStep, ruleIndex: number, check: RoadmapCheck, planFile: string | null) {
  const message = `${step.id} (${step.state}): ${check.text} — ${checkCount(check)}`;
  const base = { ruleId: step.id, ruleIndex, level: level(step), kind: 'fail' };
  const places = check.violations.length
    ? check.violations.map((v) => ({ file: v.file, line: v.line, column: v.column, text: `${message}; here: ${v.text}` }))
    : [{ file: planFile ?? 'package.json', line: (planFile && check.planLine) || 1, column: 1, text: message }];
  const seen = new Map<string, number>();
  return places.map((place) => {
    // The same text twice in a file (two `repo.find` calls) gets the occurrence number, so each alert keeps its own print.
    const key = `${place.file}\u0000${place.text}`;
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    return {
    ...base,
    message: { text: place.text },
    locations: [{ physicalLocation: { artifactLocation: { uri: fileUri(place.file), uriBaseId: SRCROOT }, region: { startLine: place.line, startColumn: place.column } } }],
    partialFingerprints: { 'strangler/v1': fingerprint(step.id, check.text, place.file, place.text, String(occurrence)) },
    properties: { check: check.text, step: step.id },
    };
  });
}

/** A workspace-relative path as a relative URI reference: each segment percent-encoded, `/` kept. */
export function fileUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/** Stable across runs and line moves: the step, the check, the file, what is there and which occurrence — not the line. */
function fingerprint(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}
