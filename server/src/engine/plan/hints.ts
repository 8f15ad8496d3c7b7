/**
 * Picks migration hints from the rule packs for the steps of a plan: the ones whose API the step's own coupling
 * sites use, each hint given once in the plan (at the first step that needs it), so the plan stays short.
 */
import type { CouplingSite } from '../model';
import type { RulePack } from '../../rules/rulePack';
import type { Move } from './moves';

interface ApiHint {
  text: string;
  /** The legacy API the hint is about, as `receiver.member` pairs and bare names (`In`, `Entity`). */
  pairs: [string, string][];
  names: string[];
}

/** Words in hint code that are syntax, not API. */
const NOT_API = new Set(['async', 'await', 'function', 'require', 'import', 'if', 'return', 'new', 'class', 'then']);

export class HintPicker {
  private readonly used = new Set<string>();

  constructor(private readonly packs: readonly RulePack[]) {}

  /** The rule pack's one-paragraph summary of the move, if it has one and it was not given yet. */
  summary(move: Move): string | undefined {
    const text = this.hintFor(move)?.summary;
    return text && this.take(text) ? text : undefined;
  }

  /** Up to `max` API hints that the sites use most, skipping those already given. */
  forSites(move: Move, sites: readonly CouplingSite[], max: number): string[] {
    const chains = sites.map((site) => chainOf(site.text));
    const namespaces = new Set([move.from, ...(this.packs.find((pack) => pack.id === move.from)?.packages ?? [])]);
    const scored = this.apiHints(move)
      .map((hint, order) => ({ hint, order, uses: chains.filter((chain) => usesHint(chain, hint, namespaces)).length }))
      .filter((entry) => entry.uses > 0 && !this.used.has(entry.hint.text))
      .sort((a, b) => b.uses - a.uses || a.order - b.order);
    const picked = scored.slice(0, max).map((entry) => entry.hint.text);
    picked.forEach((text) => this.take(text));
    return picked;
  }

  private hintFor(move: Move) {
    return this.packs.find((pack) => pack.id === move.from)?.hints?.[move.to];
  }

  private apiHints(move: Move): ApiHint[] {
    return (this.hintFor(move)?.apiMap ?? []).map(({ from, to }) => ({ text: `${from} -> ${to}`, ...legacyApi(from) }));
  }

  private take(text: string): boolean {
    if (this.used.has(text)) return false;
    this.used.add(text);
    return true;
  }
}

/** The API a hint's legacy code uses: member accesses as (receiver, member) pairs, bare calls and decorators. */
function legacyApi(code: string): Pick<ApiHint, 'pairs' | 'names'> {
  const pairs: [string, string][] = [];
  const names: string[] = [];
  for (const match of code.matchAll(/[A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)+/g)) {
    const chain = match[0].split('.').map((part) => part.trim());
    for (let i = 1; i < chain.length; i++) pairs.push([chain[i - 1], chain[i]]);
  }
  for (const match of code.matchAll(/(?<![.\w$])@?([A-Za-z_$][\w$]*)\s*\(/g)) if (!NOT_API.has(match[1])) names.push(match[1]);
  for (const match of code.matchAll(/@([A-Za-z_$][\w$]*)/g)) names.push(match[1]);
  return { pairs, names };
}

/**
 * Whether a site uses the API of a hint. `repo.find` in a hint stands for any repository (`this.repo.find`,
 * `AppDataSource.getRepository(User).find`), but `express.static` names the framework's own export, so only
 * `express.static` matches it — not `app.use` nor `res.json`.
 */
function usesHint(chain: string[], hint: ApiHint, namespaces: ReadonlySet<string>): boolean {
  // A hint that names a framework export is about that export: `app.use(express.json())` is about express.json.
  const strict = hint.pairs.filter(([receiver]) => namespaces.has(receiver));
  for (const [receiver, member] of strict.length ? strict : hint.pairs) {
    const sameReceiver = namespaces.has(receiver) ? (other: string) => other === receiver : (other: string) => standsFor(receiver, other);
    if (chain.some((part, i) => i > 0 && part === member && sameReceiver(chain[i - 1]))) return true;
  }
  return hint.names.includes(chain.at(-1) ?? '');
}

/**
 * Whether a receiver in hint code (a placeholder such as `repo`, `queue`, `res`, `User`) stands for a receiver
 * in the code: `emailQueue` for `queue`, `getRepository` for `repo`, any model class for `User` — but not `app`
 * for `res`, so `app.set` does not get the hint about `res.set`.
 */
function standsFor(placeholder: string, receiver: string): boolean {
  if (receiver.toLowerCase().includes(placeholder.toLowerCase())) return true;
  return /^[A-Z]/.test(placeholder) && /^[A-Z]/.test(receiver);
}

/** A site's text as a member chain: `this.repo.findOneBy` → [this, repo, findOneBy]; `new Queue` → [Queue]. */
function chainOf(text: string): string[] {
  return text.replace(/^(new|extends|import|require)\s+|^@/, '').split('.').map((part) => part.trim()).filter(Boolean);
}
