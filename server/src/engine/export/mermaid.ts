/**
 * The roadmap's two Mermaid diagrams: a Gantt of the phases (one bar per step, in plan order, coloured by its
 * verified state) and a flowchart of the migration units and which reaches a framework through which. Text from
 * code and from the plan is escaped for Mermaid's grammar, including the older grammars GitHub may render with.
 */
import type { StepState } from '../verify/evaluate';
import type { Roadmap } from './roadmap';
import type { UnitState } from './unitGraph';

/** Gantt tags per step state: verified bars are done, regressed ones critical, steps under way active. */
const GANTT_TAGS: Record<StepState, string> = { verified: 'done, ', regressed: 'crit, ', ready: 'active, ', pending: '' };

/**
 * The plan has no dates, so the Gantt counts in steps: each step is one day from the first of January 2001 (a date
 * without a time is local midnight in every viewer's time zone), and the axis prints the day of the year, which is
 * the step's number.
 */
export function ganttChart(roadmap: Roadmap): string {
  const steps = roadmap.phases.reduce((sum, phase) => sum + phase.steps.length, 0);
  const lines = [
    'gantt',
    `  title ${ganttText(roadmap.plan.title || `Migration of ${roadmap.workspace}`)}`,
    '  dateFormat YYYY-MM-DD',
    '  axisFormat %-j',
    `  tickInterval ${Math.max(1, Math.ceil(steps / 30))}day`,
    '  todayMarker off',
  ];
  let n = 0;
  for (const phase of roadmap.phases) {
    lines.push(`  section ${ganttText(phase.title)}`);
    for (const step of phase.steps) {
      n++;
      const tags = step.status === 'doing' && step.state === 'pending' ? 'active, ' : GANTT_TAGS[step.state];
      lines.push(`  ${n}. ${ganttText(step.title)} :${tags}s${n}, ${n === 1 ? '2001-01-01' : `after s${n - 1}`}, 1d`);
    }
  }
  return lines.join('\n');
}

const UNIT_STYLES: Record<UnitState, string> = {
  verified: 'fill:#d4edda,stroke:#2e7d32,color:#1b3d1f',
  regressed: 'fill:#f8d7da,stroke:#c62828,color:#4a1010',
  started: 'fill:#fff3cd,stroke:#b7791f,color:#4a3305',
  pending: 'fill:#eceff1,stroke:#607d8b,color:#263238',
  unplanned: 'fill:#ffffff,stroke:#9e9e9e,color:#424242,stroke-dasharray:4 3',
};

/** Units as nodes (label, score, sites, concerns), coloured by the state of their steps; an arrow A → B: A reaches a framework through B. */
export function unitFlowchart(roadmap: Roadmap): string {
  const lines = ['flowchart LR'];
  const id = (unit: string) => `u_${unit.replace(/[^a-z0-9]/gi, '_')}`;
  for (const unit of roadmap.units) {
    const facts = `score ${unit.score} · ${unit.sites} site${unit.sites === 1 ? '' : 's'} · ${unit.concerns.join(', ')}`;
    lines.push(`  ${id(unit.id)}["${mermaidLabel(unit.label)}<br/>${mermaidLabel(facts)}"]`);
  }
  for (const edge of roadmap.dependencies) lines.push(`  ${id(edge.from)} -->|${edge.concerns.join(', ')}| ${id(edge.to)}`);
  const states = Object.keys(UNIT_STYLES) as UnitState[];
  for (const state of states) {
    const members = roadmap.units.filter((unit) => unit.state === state).map((unit) => id(unit.id));
    if (members.length === 0) continue;
    lines.push(`  classDef ${state} ${UNIT_STYLES[state]}`, `  class ${members.join(',')} ${state}`);
  }
  return lines.join('\n');
}

/**
 * Text inside a quoted flowchart label: Mermaid's entity codes for the characters its grammar or HTML would read
 * (`#quot;` for a quote, `#lt;` for <, `#35;` for #, `#96;` for a backtick, which would start a Markdown string).
 */
export function mermaidLabel(text: string): string {
  const codes: Record<string, string> = { '#': '#35;', '"': '#quot;', '<': '#lt;', '>': '#gt;', '&': '#amp;', '`': '#96;' };
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/[#"<>&`]/g, (c) => codes[c]);
}

/**
 * Text of a Gantt title, section or task. Older grammars end these at `#`, `:` or `;`, a newline ends the line,
 * and Mermaid sanitises titles as HTML (dropping `<…>` and showing `&` as `&amp;`), so those become look-alikes
 * or a space; the text then reads as written everywhere in the chart.
 */
export function ganttText(text: string): string {
  const lookalikes: Record<string, string> = { '#': '♯', ':': '∶', ';': ',', '<': '‹', '>': '›', '&': '+' };
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/[#:;<>&]/g, (c) => lookalikes[c]).trim() || '-';
}
