/**
 * The hotspot score of a module and its breakdown. Every factor is rounded before it is multiplied, and the
 * formula is printed with its numbers, so anyone can recompute a score by hand from the JSON.
 */
import type { ScoreBreakdown } from '../model';

export const LEAK_WEIGHT = 0.25;

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** score = coupling × (1 + log2(1 + churn)) × (1 + log2(1 + dependents)) × (1 + 0.25 × leaks) */
export function scoreModule(coupling: number, churn: number, dependents: number, leaks: number): { score: number; breakdown: ScoreBreakdown } {
  const c = round2(coupling);
  const churnFactor = round2(1 + Math.log2(1 + churn));
  const blastFactor = round2(1 + Math.log2(1 + dependents));
  const leakFactor = round2(1 + LEAK_WEIGHT * leaks);
  const score = round2(c * churnFactor * blastFactor * leakFactor);
  const formula =
    `coupling ${c} × churn (1 + log2(1 + ${churn})) × dependents (1 + log2(1 + ${dependents})) × leaks (1 + ${LEAK_WEIGHT} × ${leaks})` +
    ` = ${c} × ${churnFactor} × ${blastFactor} × ${leakFactor} = ${score}`;
  return { score, breakdown: { coupling: c, churn, churnFactor, dependents, blastFactor, leaks, leakFactor, formula } };
}
