/**
 * What the server shows in JS/TS files: code lenses on coupled modules and declarations, diagnostics where a
 * plan check is violated, hovers that explain a coupling site and the migration hint toward the plan's target,
 * and a quick fix that adds a plan step for a hotspot no step covers yet.
 */
import { ts } from 'ts-morph';
import type { CodeAction, CodeLens, Diagnostic, Hover, Position } from 'vscode-languageserver';
import { CodeActionKind, DiagnosticSeverity } from 'vscode-languageserver';
import type { CouplingSite, ModuleReport } from '../engine/model';
import { CONCERNS } from '../engine/model';
import { HintPicker } from '../engine/plan/hints';
import { builtinRulePacks } from '../rules/loadRulePacks';
import { insertStep } from '../planfile/edit';
import { slug } from '../engine/plan/units';
import { ClientCommands, type StranglerSettings } from '../shared/protocol';
import type { FolderAnalysis } from './folder';
import { fileUri, siteItem, stepOwning } from './views';
import { pathToUri, relativeTo } from './uris';
import { planEdit } from './planEdits';

export function moduleOf(folder: FolderAnalysis, file: string): ModuleReport | undefined {
  const rel = relativeTo(folder.root, file);
  return rel ? folder.result?.modules.find((m) => m.path === rel) : undefined;
}

const range = (line: number, character: number, endLine = line, endCharacter = character) => ({ start: { line, character }, end: { line: endLine, character: endCharacter } });

function concernSummary(sites: readonly CouplingSite[]): string {
  const counts = CONCERNS.map((c) => [c, sites.filter((s) => s.concern === c).length] as const).filter(([, n]) => n > 0);
  return counts.map(([c, n]) => `${c} ${n}`).join(' · ');
}

/** Lenses: the module's rank and score (or that it is test code), its sites, the plan step that owns it; and each coupled declaration. */
export function codeLenses(folder: FolderAnalysis, file: string): CodeLens[] {
  const m = moduleOf(folder, file);
  if (!m || !m.sites.length || (m.rank === null && !m.test) || !folder.codeLens) return [];
  const uri = fileUri(folder, m.path);
  const lenses: CodeLens[] = [];
  const top = range(0, 0);
  const standing = m.test ? `test code, not ranked · coupling ${m.breakdown.coupling}` : `#${m.rank} · score ${m.score}${m.migration ? ` · ${m.migration} migration` : ''}`;
  lenses.push({ range: top, command: { title: `Strangler ${standing} · ${concernSummary(m.sites)}`, command: ClientCommands.revealModule, arguments: [uri] } });
  lenses.push({ range: top, command: { title: `${m.sites.length} coupling site${m.sites.length === 1 ? '' : 's'}`, command: ClientCommands.showSites, arguments: [uri, 0, 0, m.sites.map((s) => siteItem(folder, s))] } });
  const step = stepOwning(folder, m.path);
  if (step) lenses.push({ range: top, command: { title: `Plan: ${step.id} (${step.state})`, command: ClientCommands.openPlanAt, arguments: [step.planUri, step.line] } });

  const unit = folder.unitOf(file);
  if (unit) {
    for (const decl of declarations(unit.sf)) {
      const inside = m.sites.filter((s) => s.line - 1 >= decl.start && s.line - 1 <= decl.end);
      if (!inside.length || decl.start === 0) continue;
      lenses.push({ range: range(decl.start, 0), command: { title: `${decl.name}: ${inside.length} site${inside.length === 1 ? '' : 's'} (${concernSummary(inside)})`, command: ClientCommands.showSites, arguments: [uri, decl.start, 0, inside.map((s) => siteItem(folder, s))] } });
    }
  }
  for (const route of folder.result?.routes ?? []) {
    if (route.file !== m.path) continue;
    // The registration holding the route: a call on its line, or a route table's row spanning it (the row opens
    // on the `{` line, the route is listed at its `method:`).
    const at = m.sites.filter((s) => s.kind === 'route' && s.line <= route.line && route.line <= s.endLine);
    lenses.push({ range: range(route.line - 1, 0), command: { title: `${route.method} ${route.path}`, command: ClientCommands.showSites, arguments: [uri, route.line - 1, 0, at.map((s) => siteItem(folder, s))] } });
  }
  return lenses;
}

interface Declaration {
  name: string;
  start: number;
  end: number;
}

/** Top-level classes, functions and function-valued variables or CommonJS exports, with their 0-based line range. */
function declarations(sf: ts.SourceFile): Declaration[] {
  const out: Declaration[] = [];
  const lineOf = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line;
  for (const st of sf.statements) {
    const start = lineOf(st.getStart(sf));
    const end = lineOf(st.getEnd());
    if ((ts.isClassDeclaration(st) || ts.isFunctionDeclaration(st)) && st.name) out.push({ name: `${ts.isClassDeclaration(st) ? 'class' : 'function'} ${st.name.text}`, start, end });
    else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        const init = d.initializer;
        if (ts.isIdentifier(d.name) && init && isCode(init)) out.push({ name: d.name.text, start, end });
      }
    } else if (ts.isExpressionStatement(st) && ts.isBinaryExpression(st.expression) && st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken && isCode(st.expression.right)) {
      // CommonJS: exports.getLogin = async (req, res) => { … }
      out.push({ name: st.expression.left.getText(sf), start, end });
    }
  }
  return out;
}

const isCode = (e: ts.Expression) => ts.isArrowFunction(e) || ts.isFunctionExpression(e) || ts.isClassExpression(e);

const SEVERITY: Record<StranglerSettings['diagnostics']['pending'], DiagnosticSeverity | undefined> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
  off: undefined,
};

/** Diagnostics per file URI: each violation of a plan check, an error when its step is done (a regression). */
export function checkDiagnostics(folder: FolderAnalysis): Map<string, Diagnostic[]> {
  const out = new Map<string, Diagnostic[]>();
  const evaluation = folder.evaluation;
  if (!evaluation) return out;
  const planUri = pathToUri(folder.planFile);
  const settings = folder.diagnosticsSettings;
  for (const step of evaluation.steps) {
    const done = step.status.state === 'done';
    for (const check of step.checks) {
      if (check.ok) continue;
      // A ratchet over its limit is a regression, but of a count: the plan's check line says so (an error there);
      // its sites keep the severity of their step, or one new site would light up every file it counts.
      const severity = SEVERITY[done ? settings.regressed : settings.pending];
      if (severity === undefined) continue;
      for (const v of check.violations) {
        if (v.file === 'package.json' || v.file.endsWith('/package.json') || v.file.endsWith('.strangler')) continue;
        const uri = fileUri(folder, v.file);
        const line = Math.max(0, v.line - 1);
        const character = Math.max(0, v.column - 1);
        const message = done
          ? `Regression: step '${step.id}' is done, but \`${check.text}\` fails (${check.count}${check.limit === null ? '' : ` > ${check.limit}`}): ${v.text}`
          : `Step '${step.id}' (${step.title}): \`${check.text}\` — ${v.text} is still to move (${check.count}${check.limit === null ? '' : `, limit ${check.limit}`})`;
        const d: Diagnostic = {
          range: range(line, character, line, character + Math.max(1, firstLine(v.text).length)),
          severity,
          source: 'strangler',
          code: done ? 'regression' : `step:${step.id}`,
          message,
          relatedInformation: check.planLine !== undefined ? [{ location: { uri: planUri, range: range(check.planLine, 0, check.planLine, 200) }, message: `check of step '${step.id}' in the plan` }] : undefined,
          data: { stepId: step.id },
        };
        let list = out.get(uri);
        if (!list) out.set(uri, (list = []));
        list.push(d);
      }
    }
  }
  return out;
}

const firstLine = (text: string) => text.split('\n')[0];

const packs = builtinRulePacks();

/** Hover on a coupling site: what couples here, through what, and the way out the plan has chosen. */
export function siteHover(folder: FolderAnalysis, file: string, pos: Position): Hover | null {
  const m = moduleOf(folder, file);
  if (!m) return null;
  const at = m.sites.filter((s) => within(s, pos));
  if (!at.length) return null;
  const s = at.sort((a, b) => a.endColumn - a.column - (b.endColumn - b.column))[0];
  const lines = [`**Strangler** · ${s.concern} coupling to **${s.framework}** (${s.kind}, weight ${s.weight})`, '', '`' + s.text.replace(/`/g, "'") + '`'];
  if (s.via) lines.push('', `Reaches ${s.framework} through \`${s.via}\`.`);
  lines.push('', m.test ? `Module: test code, not ranked · coupling ${m.breakdown.coupling}` : `Module: #${m.rank ?? '–'} · score ${m.score} = ${m.breakdown.formula}`);
  const move = folder.plan?.plan.header?.moves.find((mv) => mv.from === s.framework || (mv.concern === s.concern && mv.from === s.framework));
  if (move) {
    lines.push('', `Plan: move ${move.concern} from ${move.from} to **${move.to}**.`);
    const hints = new HintPicker(packs).forSites(move, [s], 2);
    for (const h of hints) lines.push(`- \`${h.replace(/`/g, "'")}\``);
  }
  const step = stepOwning(folder, m.path);
  if (step) lines.push('', `Step \`${step.id}\`: ${step.title} (${step.state}).`);
  return { contents: { kind: 'markdown', value: lines.join('\n') }, range: range(s.line - 1, s.column - 1, s.endLine - 1, s.endColumn - 1) };
}

function within(s: CouplingSite, pos: Position): boolean {
  const line = pos.line + 1;
  const col = pos.character + 1;
  if (line < s.line || line > s.endLine) return false;
  if (line === s.line && col < s.column) return false;
  if (line === s.endLine && col > s.endColumn) return false;
  return true;
}

/** "Add a plan step for this module" on a coupled module that no step covers. */
export function sourceCodeActions(folder: FolderAnalysis, file: string): CodeAction[] {
  const m = moduleOf(folder, file);
  if (!m || m.rank === null || folder.planText === undefined || !folder.plan) return [];
  if (stepOwning(folder, m.path)) return [];
  const phases = folder.plan.plan.phases;
  if (!phases.length) return [];
  const concerns = CONCERNS.filter((c) => m.concerns[c].sites > 0);
  const id = uniqueId(folder, `${slug(m.path.replace(/\.[^.]+$/, ''))}-decouple`);
  const stepText = [`step ${id} "Take ${m.path} off ${concerns.map((c) => m.concerns[c].frameworks.join(', ')).join(', ')}"`, `  why score ${m.score}, ${m.sites.length} sites: ${m.breakdown.formula}`, `  scope ${m.path}`, ...concerns.map((c) => `  check none ${c} in ${m.path}`)].join('\n');
  const target = phases.find((p) => /seam/i.test(p.title)) ?? phases[0];
  const result = insertStep(folder.planText, target.title, stepText);
  if (result.problem) return [];
  return [{ title: `Strangler: add a plan step for ${m.path}`, kind: CodeActionKind.QuickFix, edit: planEdit(pathToUri(folder.planFile), result.edits) }];
}

function uniqueId(folder: FolderAnalysis, base: string): string {
  const ids = new Set(folder.evaluation?.steps.map((s) => s.id) ?? []);
  let id = base.slice(0, 60).replace(/-+$/, '');
  for (let n = 2; ids.has(id); n++) id = `${base.slice(0, 56)}-${n}`;
  return id;
}
