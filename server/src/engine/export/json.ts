/**
 * The roadmap as JSON, as `schemas/roadmap.schema.json` describes it. Counts are exact; each check lists its first
 * violations only, since the SARIF export is the one meant to carry every place.
 */
import type { Roadmap } from './roadmap';

export const JSON_VIOLATIONS_PER_CHECK = 20;

export function renderJson(roadmap: Roadmap): string {
  const phases = roadmap.phases.map((phase) => ({
    ...phase,
    steps: phase.steps.map((step) => ({ ...step, checks: step.checks.map((check) => ({ ...check, violations: check.violations.slice(0, JSON_VIOLATIONS_PER_CHECK) })) })),
  }));
  return JSON.stringify({ ...roadmap, phases }, null, 2) + '\n';
}
