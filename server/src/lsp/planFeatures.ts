/**
 * The `.strangler` plan file in the editor: diagnostics from the parser and the evaluator, completion,
 * hover with each check's live count, the outline, go to definition from a glob to the files it matches, and
 * code actions (mark a step done, tighten a ratchet).
 */
import picomatch from 'picomatch';
import type { CodeAction, CompletionItem, Diagnostic, DocumentSymbol, Hover, Location, Position } from 'vscode-languageserver';
import { CodeActionKind, CompletionItemKind, DiagnosticSeverity, SymbolKind } from 'vscode-languageserver';
import { CONCERNS } from '../engine/model';
import type { Check, Glob, PlanFile, Span, Step } from '../planfile/ast';
import { ORDER_STRATEGIES, planSteps, stepStatus } from '../planfile/ast';
import { setRatchetLimit } from '../planfile/edit';
import { builtinRulePacks } from '../rules/loadRulePacks';
import type { CheckResult, StepResult } from '../engine/verify/evaluate';
import type { FolderAnalysis } from './folder';
import { fileUri } from './views';
import { markStepDone, planEdit, today } from './planEdits';
import { pathToUri } from './uris';

const PLAN_SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;
const range = (line: number, character: number, endCharacter: number) => ({ start: { line, character }, end: { line, character: endCharacter } });
const spanRange = (line: number, span: Span | undefined, fallbackEnd = 200) => range(line, span?.column ?? 0, span?.endColumn ?? fallbackEnd);

export function planDiagnostics(folder: FolderAnalysis): Diagnostic[] {
  const parsed = folder.plan;
  if (!parsed) return [];
  const out: Diagnostic[] = parsed.diagnostics.map((d) => ({ range: range(d.line, d.column, d.endColumn), severity: PLAN_SEVERITY[d.severity], source: 'strangler', code: d.code, message: d.message }));
  for (const { step, result, check, checkResult } of checkPairs(folder)) {
    const line = check.source?.line ?? checkResult.planLine;
    if (line === undefined) continue;
    const where = spanRange(line, check.span);
    const done = result.status.state === 'done';
    if (!checkResult.ok && (done || checkResult.ratchetExceeded)) {
      out.push({ range: where, severity: DiagnosticSeverity.Error, source: 'strangler', code: 'regression', message: `Regressed: ${countText(checkResult)}${done ? ` although step '${step.id}' is done` : ''}; first: ${checkResult.violations.slice(0, 3).map((v) => `${v.file}:${v.line}`).join(', ')}`, data: { stepId: step.id } });
    } else if (checkResult.canTighten) {
      out.push({ range: where, severity: DiagnosticSeverity.Information, source: 'strangler', code: 'can-tighten', message: `The count dropped to ${checkResult.count}: tighten the ratchet to lock the gain in`, data: { stepId: step.id } });
    } else if (!checkResult.ok) {
      out.push({ range: where, severity: DiagnosticSeverity.Hint, source: 'strangler', code: 'to-do', message: `${countText(checkResult)} to go`, data: { stepId: step.id } });
    }
  }
  return out;
}

function countText(c: CheckResult): string {
  if (c.rule === 'dependency') return c.ok ? 'as expected' : c.limit === null ? 'the package is not declared' : `declared in ${c.count} package.json file${c.count === 1 ? '' : 's'}`;
  return `${c.count} ${c.rule === 'routes' ? 'route' : 'site'}${c.count === 1 ? '' : 's'}${c.limit === null ? '' : ` (limit ${c.limit})`}`;
}

interface CheckPair {
  step: Step;
  result: StepResult;
  check: Check;
  checkResult: CheckResult;
  index: number;
}

/** Each parsed check with its evaluation, in file order. */
function checkPairs(folder: FolderAnalysis): CheckPair[] {
  const plan = folder.plan?.plan;
  const evaluation = folder.evaluation;
  if (!plan || !evaluation) return [];
  const out: CheckPair[] = [];
  let i = 0;
  for (const { step } of planSteps(plan)) {
    const result = evaluation.steps[i++];
    if (!result) break;
    step.checks.forEach((check, index) => out.push({ step, result, check, checkResult: result.checks[index], index }));
  }
  return out;
}

export function planSymbols(plan: PlanFile): DocumentSymbol[] {
  const symbols: DocumentSymbol[] = [];
  const lastLine = (step: Step) => Math.max(step.source?.line ?? 0, ...[step.manual, step.why, step.status, ...step.scopes, ...step.checks, ...step.hints].map((c) => c?.source?.line ?? 0));
  if (plan.header?.source) {
    const l = plan.header.source.line;
    symbols.push({ name: plan.header.title || 'plan', kind: SymbolKind.File, range: range(l, 0, 200), selectionRange: spanRange(l, plan.header.span) });
  }
  for (const phase of plan.phases) {
    const start = phase.source?.line ?? 0;
    const children: DocumentSymbol[] = phase.steps.map((step) => {
      const l = step.source?.line ?? 0;
      const status = stepStatus(step);
      return { name: step.id, detail: `${step.title} — ${status.state}`, kind: SymbolKind.Event, range: { start: { line: l, character: 0 }, end: { line: lastLine(step), character: 200 } }, selectionRange: spanRange(l, step.parts?.id) };
    });
    const end = Math.max(start, ...phase.steps.map(lastLine));
    symbols.push({ name: phase.title, kind: SymbolKind.Namespace, range: { start: { line: start, character: 0 }, end: { line: end, character: 200 } }, selectionRange: spanRange(start, phase.parts?.title), children });
  }
  return symbols;
}

const CHECK_MEANING: Record<Check['rule'], string> = {
  none: 'No coupling site of the target may remain in the files the glob matches (minus `except`).',
  'at-most': 'At most N coupling sites of the target may remain in the files the glob matches (minus `except`).',
  ratchet: "The count of coupling sites may only go down: N is the last recorded count. When it drops, `strangler check --update-ratchets` (or the quick fix) tightens N; going over N is a regression whatever the step's status.",
  dependency: "The package is (or is not) declared in the workspace's package.json files.",
  routes: 'The routes whose full path matches the glob and that are still served by the given framework (legacy = the frameworks the plan moves away from) number 0, or at most N.',
};

export function planHover(folder: FolderAnalysis, pos: Position): Hover | null {
  for (const pair of checkPairs(folder)) {
    if ((pair.check.source?.line ?? pair.checkResult.planLine) !== pos.line) continue;
    const c = pair.checkResult;
    const lines = [`**check ${c.rule}** — ${CHECK_MEANING[c.rule]}`, '', `Now: **${countText(c)}**, ${c.ok ? 'passes ✓' : 'fails ✗'}.`];
    if (c.violations.length) lines.push('', ...c.violations.slice(0, 5).map((v) => `- ${v.file}:${v.line} \`${v.text.replace(/`/g, "'")}\``), ...(c.count > 5 ? [`- … ${c.count - 5} more`] : []));
    return { contents: { kind: 'markdown', value: lines.join('\n') } };
  }
  const plan = folder.plan?.plan;
  const evaluation = folder.evaluation;
  if (!plan || !evaluation) return null;
  let i = 0;
  for (const { step } of planSteps(plan)) {
    const r = evaluation.steps[i++];
    if (step.source?.line !== pos.line || !r) continue;
    const passing = r.checks.filter((c) => c.ok).length;
    return { contents: { kind: 'markdown', value: `**${r.title}** — ${r.state}\n\n${passing}/${r.checks.length} checks pass; status ${r.status.state}${r.status.state === 'done' ? ` (${r.status.date})` : ''}.` } };
  }
  return null;
}

/** Globs on a line, with their spans: scope globs and a coupling check's `in` and `except` globs. */
function globsAt(plan: PlanFile, line: number): Glob[] {
  for (const { step } of planSteps(plan)) {
    for (const scope of step.scopes) if (scope.source?.line === line) return scope.globs;
    for (const check of step.checks) if (check.source?.line === line && 'within' in check) return [check.within, ...check.except];
  }
  return [];
}

export function planDefinition(folder: FolderAnalysis, pos: Position): Location[] {
  const plan = folder.plan?.plan;
  if (!plan || !folder.result) return [];
  const glob = globsAt(plan, pos.line).find((g) => g.span && g.span.column <= pos.character && pos.character <= g.span.endColumn);
  if (!glob) return [];
  const match = picomatch(glob.pattern, { dot: true });
  return folder.result.modules
    .filter((m) => match(m.path))
    .slice(0, 200)
    .map((m) => ({ uri: fileUri(folder, m.path), range: range(0, 0, 0) }));
}

const STEP_KEYWORDS = ['check', 'scope', 'why', 'hint', 'status', 'manual'];
const CHECK_RULES = ['none', 'at-most', 'ratchet', 'dependency', 'routes'];

export function planCompletion(folder: FolderAnalysis, text: string, pos: Position): CompletionItem[] {
  const lineText = text.split(/\r\n|\r|\n/)[pos.line] ?? '';
  const before = lineText.slice(0, pos.character);
  const words = before.trim().split(/\s+/).filter(Boolean);
  const typing = /\S$/.test(before) ? words.pop() ?? '' : '';
  const indent = before.length - before.trimStart().length;
  const kw = (labels: readonly string[], kind: CompletionItemKind = CompletionItemKind.Keyword, detail?: string) => labels.map((label) => ({ label, kind, detail }));
  const packs = builtinRulePacks();
  const frameworks = packs.map((p) => p.id);
  const packages = [...new Set(packs.flatMap((p) => p.packages))].sort();
  if (!words.length) {
    if (indent === 0) return kw(['plan', 'phase']);
    return indent <= 2 && !/^\t\t/.test(before) ? kw(['step', 'order', 'move', ...STEP_KEYWORDS]) : kw(STEP_KEYWORDS);
  }
  const [first] = words;
  const last = words[words.length - 1];
  if (first === 'order' && words.length === 1) return kw(ORDER_STRATEGIES, CompletionItemKind.EnumMember);
  if (first === 'move') {
    if (words.length === 1) return kw(CONCERNS, CompletionItemKind.EnumMember, 'concern');
    if (last === 'from' || last === 'to') return kw(frameworks, CompletionItemKind.Module, 'framework');
    if (words.length === 2) return kw(['from']);
    if (words.length === 4) return kw(['to']);
  }
  if (first === 'status' && words.length === 1) return [...kw(['todo', 'doing'], CompletionItemKind.EnumMember), { label: `done ${today()}`, kind: CompletionItemKind.EnumMember }];
  if (first === 'check') {
    if (words.length === 1) return kw(CHECK_RULES);
    const rule = words[1];
    if (rule === 'dependency') return words.length === 2 ? kw(packages, CompletionItemKind.Module, 'package') : words.length === 3 ? kw(['present', 'absent']) : [];
    if (rule === 'routes') return words.length === 3 ? kw(['served-by']) : last === 'served-by' ? kw(['legacy', ...frameworks]) : words.length === 5 ? kw(['none', 'at-most']) : [];
    if (last === 'package') return kw(packages, CompletionItemKind.Module, 'package');
    if (last === 'in' || last === 'except') return folderGlobs(folder, typing);
    const targetAt = rule === 'at-most' ? 3 : 2;
    if (words.length === targetAt) return [...kw(CONCERNS, CompletionItemKind.EnumMember, 'concern'), ...kw(frameworks, CompletionItemKind.Module, 'framework'), ...kw(['package'])];
    if (words.length === targetAt + 1) return kw(['in']);
    return kw(rule === 'ratchet' ? ['except', 'at-most'] : ['except']);
  }
  if (first === 'scope') return folderGlobs(folder, typing);
  return [];
}

/** Folders of the analysed modules as globs (`src/users/**`), for `in`, `except` and `scope`. */
function folderGlobs(folder: FolderAnalysis, typing: string): CompletionItem[] {
  const dirs = new Set<string>();
  for (const m of folder.result?.modules ?? []) {
    const parts = m.path.split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  return [...dirs]
    .filter((d) => d.startsWith(typing.replace(/\*.*$/, '')))
    .sort()
    .slice(0, 300)
    .map((d) => ({ label: `${d}/**`, kind: CompletionItemKind.Folder }));
}

export function planCodeActions(folder: FolderAnalysis, line: number): CodeAction[] {
  const text = folder.planText;
  if (text === undefined) return [];
  const planUri = pathToUri(folder.planFile);
  const actions: CodeAction[] = [];
  for (const pair of checkPairs(folder)) {
    const onStep = pair.step.source?.line === line;
    const onCheck = (pair.check.source?.line ?? -1) === line;
    if (onCheck && pair.checkResult.canTighten && pair.check.rule === 'ratchet') {
      const r = setRatchetLimit(text, pair.step.id, pair.index, pair.checkResult.count);
      if (!r.problem) actions.push({ title: `Tighten the ratchet to ${pair.checkResult.count}`, kind: CodeActionKind.QuickFix, isPreferred: true, edit: planEdit(planUri, r.edits) });
    }
    if ((onStep || onCheck) && pair.index === 0 && pair.result.status.state !== 'done') actions.push(markDoneAction(planUri, text, pair.result));
  }
  const seen = new Set<string>();
  return actions.filter((a) => !seen.has(a.title) && !!seen.add(a.title));
}

function markDoneAction(planUri: string, text: string, step: StepResult): CodeAction {
  const r = markStepDone(planUri, text, step.id);
  const ready = step.state === 'ready';
  return {
    title: `Mark step '${step.id}' done${ready ? '' : ' (its checks do not pass yet)'}`,
    kind: ready ? CodeActionKind.QuickFix : CodeActionKind.Refactor,
    isPreferred: ready,
    edit: r.edit ? { changes: { [r.edit.uri]: r.edit.edits } } : undefined,
  };
}
