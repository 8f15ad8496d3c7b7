/**
 * Builders for plan nodes made in memory (no source positions): the generator writes steps with these, and the
 * printer lays them out in the canonical form.
 */
import type { Concern } from '../model';
import type { Check, CheckTarget, Phase, Step, Trivia } from '../../planfile/ast';
import { isConcern } from './moves';

export interface StepSpec {
  id: string;
  title: string;
  manual?: string | true;
  why: string;
  scopes?: string[];
  checks: Check[];
  hints?: string[];
  comments?: string[];
}

export function step(spec: StepSpec): Step {
  return {
    kind: 'step',
    id: spec.id,
    title: spec.title,
    leadingTrivia: spec.comments?.map(comment),
    manual: spec.manual ? { kind: 'manual', trailingComment: typeof spec.manual === 'string' ? { text: spec.manual } : undefined } : undefined,
    why: { kind: 'why', text: spec.why },
    scopes: spec.scopes?.length ? [{ kind: 'scope', globs: spec.scopes.map((pattern) => ({ pattern })) }] : [],
    checks: spec.checks,
    hints: (spec.hints ?? []).map((text) => ({ kind: 'hint', text })),
  };
}

export function phase(title: string, steps: Step[]): Phase {
  return { kind: 'phase', title, steps };
}

export function comment(text: string): Trivia {
  return { kind: 'comment', text: `# ${text}` };
}

/** A concern word or a framework id as a check target. */
export function target(word: string): CheckTarget {
  return isConcern(word) ? { kind: 'concern', concern: word as Concern } : { kind: 'framework', framework: word };
}

export function none(what: string, within: string, except: string[] = []): Check {
  return { kind: 'check', rule: 'none', target: target(what), within: { pattern: within }, except: except.map((pattern) => ({ pattern })), limit: 0 };
}

export function ratchet(what: string, within: string, limit: number): Check {
  return { kind: 'check', rule: 'ratchet', target: target(what), within: { pattern: within }, except: [], limit };
}

export function dependency(packageName: string, expect: 'present' | 'absent'): Check {
  return { kind: 'check', rule: 'dependency', packageName, expect };
}

export function routesNone(path: string): Check {
  return { kind: 'check', rule: 'routes', path, servedBy: 'legacy', quantifier: 'none', limit: 0 };
}

/** `a, b, c +2 more`: names in a `why` line, kept short. */
export function list(names: readonly string[], max = 3): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} +${names.length - max} more` : shown;
}

/** A score as the hotspot table prints it: at most one decimal. */
export function num(value: number): string {
  return String(Math.round(value * 10) / 10);
}

export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}
