/**
 * The Migration Plan view: each plan's phases → steps → checks → violations, as the server verified them
 * against the code. A step opens the plan at its line; a violation opens the code that breaks the check.
 */
import * as vscode from 'vscode';
import type { CheckItem, FolderPlan, PhaseItem, PlanResult, StepItem, StepStateName } from '../../../server/src/shared/protocol';
import { ClientCommands } from '../../../server/src/shared/protocol';
import { openAt, placeLabel } from '../locations';
import type { StranglerServer } from '../stranglerServer';
import { ServerTree, treeItem, treeNode, withFolderLevel, type TreeNode } from './serverTree';

export const PLAN_VIEW = 'strangler.plan';

const STATE_ICONS: Record<StepStateName, vscode.ThemeIcon> = {
  verified: new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')),
  regressed: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
  ready: new vscode.ThemeIcon('arrow-circle-right', new vscode.ThemeColor('charts.blue')),
  pending: new vscode.ThemeIcon('circle-large-outline'),
};

const STATE_MEANING: Record<StepStateName, string> = {
  verified: 'done, and every check passes',
  regressed: 'done, but a check fails: a regression',
  ready: 'not done yet, but every check already passes: it can be marked done',
  pending: 'not done, and some check still fails',
};

function openPlanAt(planUri: string, line: number): vscode.Command {
  return { title: 'Open Plan', command: ClientCommands.openPlanAt, arguments: [planUri, line] };
}

function checkNode(plan: FolderPlan, step: StepItem, check: CheckItem, index: number): TreeNode {
  const id = `${plan.planUri}|${step.id}|check:${index}`;
  const violations = check.violations.map((violation, n) =>
    treeNode(
      treeItem(placeLabel(violation.uri, violation.line), {
        id: `${id}|${n}`,
        description: violation.text,
        icon: new vscode.ThemeIcon('debug-breakpoint-unverified', new vscode.ThemeColor('problemsWarningIcon.foreground')),
        command: openAt(violation.uri, violation.line, violation.character, 'Open Violation'),
      }),
    ),
  );
  const counted = check.limit === null ? `${check.count}` : `${check.count}/${check.limit}`;
  const more = check.count > violations.length && violations.length > 0 ? ` (first ${violations.length} listed)` : '';
  return treeNode(
    treeItem(check.text, {
      id,
      description: counted,
      tooltip: `${check.ok ? 'Passes' : 'Fails'}: ${check.text} — counted ${check.count}${check.limit === null ? '' : `, allowed ${check.limit}`}${more}${check.canTighten ? '. The ratchet can be tightened.' : ''}`,
      icon: check.ok ? new vscode.ThemeIcon('check', new vscode.ThemeColor('testing.iconPassed')) : new vscode.ThemeIcon('close', new vscode.ThemeColor('testing.iconFailed')),
      command: openPlanAt(plan.planUri, check.line),
      state: violations.length > 0 ? 'collapsed' : undefined,
    }),
    violations,
  );
}

function stepNode(plan: FolderPlan, step: StepItem): TreeNode {
  const tooltip = new vscode.MarkdownString();
  tooltip.appendMarkdown(`**${step.title}** (\`${step.id}\`)\n\n`);
  tooltip.appendMarkdown(`Status \`${step.status}\`${step.manual ? ', manual' : ''} — ${step.state}: ${STATE_MEANING[step.state]}.`);
  return treeNode(
    treeItem(step.title, {
      id: `${plan.planUri}|${step.id}`,
      description: `${step.status} · ${step.state}`,
      tooltip,
      icon: STATE_ICONS[step.state],
      contextValue: step.status === 'done' ? 'step.done' : 'step.open',
      command: openPlanAt(plan.planUri, step.line),
      state: step.checks.length > 0 ? 'collapsed' : undefined,
    }),
    step.checks.map((check, index) => checkNode(plan, step, check, index)),
    { kind: 'step', planUri: plan.planUri, step },
  );
}

function phaseNode(plan: FolderPlan, phase: PhaseItem, current: boolean): TreeNode {
  return treeNode(
    treeItem(phase.title, {
      id: `${plan.planUri}|phase:${phase.line}:${phase.title}`,
      description: `${phase.verified}/${phase.steps.length}`,
      tooltip: `${phase.verified} of ${phase.steps.length} steps verified`,
      icon: new vscode.ThemeIcon(phase.verified === phase.steps.length && phase.steps.length > 0 ? 'pass' : 'list-tree'),
      // The phase the work is in (the first not fully verified) opens; the others stay folded.
      state: current ? 'expanded' : 'collapsed',
    }),
    phase.steps.map((step) => stepNode(plan, step)),
  );
}

function planNodes(plan: FolderPlan): TreeNode[] {
  if (!plan.exists) {
    // Only reached with several folders: with one, the view is empty and its welcome offers to generate.
    return [
      treeNode(
        treeItem('No plan yet: Generate Migration Plan', {
          id: `${plan.planUri}|missing`,
          icon: new vscode.ThemeIcon('add'),
          command: { title: 'Generate Migration Plan', command: 'strangler.generatePlan', arguments: [plan.folder] },
        }),
      ),
    ];
  }
  if (plan.errors > 0) {
    return [
      treeNode(
        treeItem(`The plan has ${plan.errors} error${plan.errors === 1 ? '' : 's'}: open it to fix`, {
          id: `${plan.planUri}|errors`,
          icon: new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')),
          command: openPlanAt(plan.planUri, 0),
        }),
      ),
    ];
  }
  const current = plan.phases.findIndex((phase) => phase.verified < phase.steps.length);
  return plan.phases.map((phase, index) => phaseNode(plan, phase, index === current));
}

export class PlanTree extends ServerTree<PlanResult> {
  constructor(server: StranglerServer, log: vscode.LogOutputChannel) {
    super(PLAN_VIEW, log, () => server.plan());
  }

  protected build(data: PlanResult): TreeNode[] {
    // With one folder and no plan the view stays empty, so that its welcome content (Generate) shows.
    const plans = data.plans.length === 1 && !data.plans[0].exists ? [] : data.plans;
    return withFolderLevel(this.viewId, plans, planNodes);
  }

  /** The steps of every plan, for the quick pick of "Mark Step Done". */
  async steps(): Promise<{ plan: FolderPlan; phase: PhaseItem; step: StepItem }[]> {
    await this.fresh();
    return (this.data?.plans ?? []).flatMap((plan) => plan.phases.flatMap((phase) => phase.steps.map((step) => ({ plan, phase, step }))));
  }
}
