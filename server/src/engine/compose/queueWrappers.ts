/**
 * Queues named through the project's own classes. A framework factory inside a method or constructor that
 * takes the queue's name as a parameter (`createQueue(topic) { return new Queue(topic) }` in a BullMqService)
 * makes one queue per call, named by the caller; the caller may hand on a parameter of its own, or a field its
 * constructor was given (`this.instance.createQueue(this.topic)` in a QueueBaseService whose subclasses call
 * `super(Topic.MAIL, …)`). The queues are listed where a name is finally written, with the chain of classes the
 * name went through (`via`); where it cannot be read, as '?'.
 *
 * Calls are found syntactically: `this.m()` and `super.m()` in the class or a subclass, `this.field.m()` and
 * `x.m()` where the field, parameter or variable is typed with (or made by `new`) a class whose `m` is the one
 * found, `super(…)` in a subclass's constructor, and `new C(…)` of the class or a subclass that keeps its
 * constructor. Methods are matched the way JavaScript looks them up: the first class up the `extends` chain
 * that declares the member.
 */
import { ts } from 'ts-morph';
import type { QueueEntry } from '../model';
import type { QueueSeed } from '../detect/facts';
import type { ModuleUnit } from '../bind/module';
import type { ProgramBinder } from '../bind/bind';
import { propName, skipWrappers } from '../bind/binding';
import { stringArg } from '../bind/evaluate';
import { declarationNamed } from '../bind/declarations';
import { isTestFile } from '../discover/testFiles';

/** How far a name is followed back through callers. */
const MAX_HOPS = 8;

export interface ClassRef {
  unit: ModuleUnit;
  node: ts.ClassLikeDeclaration;
}

/** A member of a class whose parameter `param` names the queue or worker its calls make. */
interface Target {
  cls: ClassRef;
  member: string;
  param: number;
  role: QueueSeed['role'];
  framework: string;
  /** Where the chain starts: the factory call itself. */
  origin: { file: string; line: number };
  /** Where this member was reached from: the factory call, or the call that handed the name on (with its `via`). */
  from: { file: string; line: number; via?: string };
  /** The members the name passes through, outermost first (`QueueBaseService(topic)`). */
  via: string[];
  hops: number;
}

/** The queue entries the seeds' callers name, in no particular order (the report sorts them). */
export function wrapperQueues(seeds: readonly QueueSeed[], units: ReadonlyMap<string, ModuleUnit>, binder: ProgramBinder): QueueEntry[] {
  if (seeds.length === 0) return [];
  const index = new ClassIndex(units);
  const out: QueueEntry[] = [];
  const { queue, push } = worklist<Target>((t) => `${keyOf(t.cls)}|${t.member}|${t.param}|${t.role}|${t.framework}`);
  for (const { s, unit, node } of seededClasses(index, units, seeds)) {
    const t: Target = { cls: { unit, node }, member: s.member, param: s.param, role: s.role, framework: s.framework, origin: { file: s.file, line: s.line }, from: { file: s.file, line: s.line }, via: [], hops: 0 };
    t.via = [label(t)];
    push(t);
  }
  while (queue.length) {
    const t = queue.shift()!;
    // A test calling the factory is not the app making a queue (as routes a test registers are not the app's).
    const calls = index.callsOf(t.cls, t.member).filter((c) => !isTestFile(c.unit.path) || isTestFile(t.origin.file));
    for (const call of calls) {
      const arg = call.args[t.param];
      const entry = (name: string): QueueEntry => ({ name, role: t.role, framework: t.framework, file: call.unit.path, line: lineOf(call.unit, call.node), via: t.via.join(' → ') });
      const name = arg ? nameOf(binder, call, arg) : undefined;
      if (name !== undefined) {
        out.push(entry(name));
        continue;
      }
      const next = arg && t.hops < MAX_HOPS ? handedOn(index, call, arg) : undefined;
      if (!next) {
        out.push(entry('?'));
        continue;
      }
      const nt: Target = { ...t, cls: next.cls, member: next.member, param: next.param, hops: t.hops + 1, via: [], from: { file: call.unit.path, line: lineOf(call.unit, call.node), via: t.via.join(' → ') } };
      nt.via = [label(nt), ...t.via];
      push(nt);
    }
    // Nobody calls it where we can see: the queue is made where the name was last handed on (or at the
    // factory itself), its name unknown.
    if (calls.length === 0) out.push({ name: '?', role: t.role, framework: t.framework, file: t.from.file, line: t.from.line, ...(t.from.via ? { via: t.from.via } : {}) });
  }
  return out;
}

/** A string argument, or a `const` of the calling function initialised with one (`const topic = Topic.MAIL`). */
function nameOf(binder: ProgramBinder, call: Call, arg: ts.Expression): string | undefined {
  const ctx = binder.context(call.unit);
  const direct = stringArg(ctx, arg);
  const a = skipWrappers(arg);
  if (direct !== undefined || !ts.isIdentifier(a)) return direct;
  for (let i = call.fns.length - 1; i >= 0; i--) {
    const body = call.fns[i].body;
    const d = body ? variableIn(body, a.text) : undefined;
    if (d) return d.initializer && d.isConst ? stringArg(ctx, d.initializer) : undefined;
  }
  return undefined;
}

export interface Call {
  unit: ModuleUnit;
  node: ts.CallExpression | ts.NewExpression;
  args: readonly ts.Expression[];
  /** The classes and functions the call sits in, innermost last. */
  classes: ts.ClassLikeDeclaration[];
  fns: ts.FunctionLikeDeclaration[];
}

/** The member a call's argument hands the name on from: a parameter of the calling method, or a constructor-given field. */
/** The class member a call is written in, when it is one. */
export function callerOf(call: Call): { cls: ts.ClassLikeDeclaration; member: string } | undefined {
  const cls = call.classes[call.classes.length - 1];
  const fn = call.fns[call.fns.length - 1];
  if (!cls || !fn || !cls.members.includes(fn as unknown as ts.ClassElement)) return undefined;
  const member = ts.isConstructorDeclaration(fn) ? 'constructor' : ts.isMethodDeclaration(fn) ? propName(fn.name) : undefined;
  return member === undefined ? undefined : { cls, member };
}

function handedOn(index: ClassIndex, call: Call, arg: ts.Expression): { cls: ClassRef; member: string; param: number } | undefined {
  const a = skipWrappers(arg);
  const cls = call.classes[call.classes.length - 1];
  if (!cls) return undefined;
  const here: ClassRef = { unit: call.unit, node: cls };
  if (ts.isIdentifier(a)) {
    const at = callerOf(call);
    const param = at ? call.fns[call.fns.length - 1].parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === a.text) : -1;
    return at && param >= 0 ? { cls: here, member: at.member, param } : undefined;
  }
  if (ts.isPropertyAccessExpression(a) && a.expression.kind === ts.SyntaxKind.ThisKeyword) {
    // The field's constructor parameter, in the class up the chain whose constructor sets it.
    for (const c of index.chain(here)) {
      const ctor = constructorOf(c.node);
      if (!ctor) continue;
      const param = ctor.parameters.findIndex((p) => ts.isIdentifier(p.name) && ((p.name.text === a.name.text && isParameterProperty(p)) || assignsField(ctor, a.name.text, p.name.text)));
      if (param >= 0) return { cls: c, member: 'constructor', param };
    }
  }
  return undefined;
}

/**
 * The calls of a member (or, for 'constructor', the `new` and `super(…)` calls) in a syntax tree, by tree: a
 * tree is never changed, so what an earlier report found in a module the edit left alone is found again here
 * without a walk (the composition runs on every report, each editor change included).
 */
const scanned = new WeakMap<ts.SourceFile, Map<string, Omit<Call, 'unit'>[]>>();

function callsIn(sf: ts.SourceFile, member: string): Omit<Call, 'unit'>[] {
  const byMember = scanned.get(sf) ?? new Map<string, Omit<Call, 'unit'>[]>();
  scanned.set(sf, byMember);
  const known = byMember.get(member);
  if (known) return known;
  const ctor = member === 'constructor';
  const out: Omit<Call, 'unit'>[] = [];
  const classes: ts.ClassLikeDeclaration[] = [];
  const fns: ts.FunctionLikeDeclaration[] = [];
  const visit = (n: ts.Node): void => {
    const named = ctor
      ? ts.isNewExpression(n) || (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.SuperKeyword)
      : ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === member;
    if (named) out.push({ node: n as ts.CallExpression | ts.NewExpression, args: (n as ts.CallExpression | ts.NewExpression).arguments ?? [], classes: [...classes], fns: [...fns] });
    const isClass = ts.isClassLike(n);
    const isFn = ts.isFunctionLike(n) && (n as ts.FunctionLikeDeclaration).body !== undefined;
    if (isClass) classes.push(n);
    if (isFn) fns.push(n as ts.FunctionLikeDeclaration);
    ts.forEachChild(n, visit);
    if (isClass) classes.pop();
    if (isFn) fns.pop();
  };
  visit(sf);
  byMember.set(member, out);
  return out;
}

/** Targets to follow, each once (by `key`), in the order first pushed. */
export function worklist<T>(key: (t: T) => string): { queue: T[]; push: (t: T) => void } {
  const seen = new Set<string>();
  const queue: T[] = [];
  return {
    queue,
    push: (t) => {
      const k = key(t);
      if (seen.has(k)) return;
      seen.add(k);
      queue.push(t);
    },
  };
}

/** The class each seed was found in, seeds in file and line order; seeds whose class is gone are left out. */
export function seededClasses<S extends { file: string; line: number; classPos: number }>(index: ClassIndex, units: ReadonlyMap<string, ModuleUnit>, seeds: readonly S[]): { s: S; unit: ModuleUnit; node: ts.ClassLikeDeclaration }[] {
  const out: { s: S; unit: ModuleUnit; node: ts.ClassLikeDeclaration }[] = [];
  for (const s of [...seeds].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line)) {
    const unit = units.get(s.file);
    const node = unit ? index.classAt(unit, s.classPos) : undefined;
    if (unit && node) out.push({ s, unit, node });
  }
  return out;
}

/** The project's top-level classes, their `extends` chains and the calls of their members. */
export class ClassIndex {
  private readonly parents = new Map<string, ClassRef | null>();

  constructor(private readonly units: ReadonlyMap<string, ModuleUnit>) {}

  classAt(unit: ModuleUnit, pos: number): ts.ClassLikeDeclaration | undefined {
    let found: ts.ClassLikeDeclaration | undefined;
    const visit = (n: ts.Node): void => {
      if (found || n.pos > pos || n.end <= pos) return;
      if (ts.isClassLike(n) && n.pos === pos) found = n;
      else ts.forEachChild(n, visit);
    };
    visit(unit.sf);
    return found;
  }

  /** The class and its project base classes, nearest first. */
  chain(cls: ClassRef): ClassRef[] {
    const out: ClassRef[] = [];
    for (let c: ClassRef | undefined = cls; c && out.length <= MAX_HOPS; c = this.parent(c)) out.push(c);
    return out;
  }

  parent(cls: ClassRef): ClassRef | undefined {
    const key = keyOf(cls);
    const known = this.parents.get(key);
    if (known !== undefined) return known ?? undefined;
    const ext = cls.node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
    const found = ext && ts.isIdentifier(ext) ? this.classNamed(cls.unit, ext.text) : undefined;
    this.parents.set(key, found ?? null);
    return found;
  }

  classNamed(unit: ModuleUnit, name: string): ClassRef | undefined {
    const found = declarationNamed(this.units, unit, name);
    return found && ts.isClassDeclaration(found.node) ? { unit: found.unit, node: found.node } : undefined;
  }

  /** The class whose `member` a lookup from `cls` finds (JavaScript's lookup up the `extends` chain). */
  owner(cls: ClassRef, member: string): ClassRef | undefined {
    return this.chain(cls).find((c) => declares(c.node, member));
  }

  /** The calls that reach `member` of `cls`. */
  callsOf(cls: ClassRef, member: string): Call[] {
    const key = keyOf(cls);
    return this.callsNamed(member, member === 'constructor' ? this.family(cls) : [member]).filter((call) => {
      const from = this.receiverOf(call, member);
      const owner = from && this.owner(from, member);
      return owner !== undefined && keyOf(owner) === key;
    });
  }

  private readonly calls = new Map<string, Call[]>();

  /**
   * The names a call of a class's constructor can be written with: the class's and its subclasses' (found by
   * their `extends` clauses in the text; a superset, since a subclass with a constructor of its own is kept).
   */
  private family(cls: ClassRef): string[] {
    const names = new Set<string>();
    const todo = cls.node.name ? [cls.node.name.text] : [];
    while (todo.length && names.size <= 64) {
      const name = todo.pop()!;
      if (names.has(name)) continue;
      names.add(name);
      const extending = new RegExp(`class\\s+([A-Za-z_$][\\w$]*)(?:\\s*<[^{]*?>)?\\s+extends\\s+${name.replace(/\$/g, '\\$')}\\b`, 'g');
      for (const unit of this.units.values()) {
        if (!unit.text.includes(name)) continue;
        for (const m of unit.text.matchAll(extending)) todo.push(m[1]);
      }
    }
    return [...names].sort();
  }

  /**
   * Every call that could be one of `member` by its syntax, in the modules whose text names one of `words`:
   * `x.member(…)`, or for constructors `super(…)` and `new X(…)`.
   */
  private callsNamed(member: string, words: readonly string[]): Call[] {
    const memo = `${member}\0${words.join(',')}`;
    const known = this.calls.get(memo);
    if (known) return known;
    const out: Call[] = [];
    for (const path of [...this.units.keys()].sort()) {
      const unit = this.units.get(path)!;
      if (!words.some((w) => unit.text.includes(w))) continue;
      for (const c of callsIn(unit.sf, member)) out.push({ unit, ...c });
    }
    this.calls.set(memo, out);
    return out;
  }

  /** The class a call looks `member` up from, when the call is one of `member`. */
  private receiverOf(call: Call, member: string): ClassRef | undefined {
    const n = call.node;
    const cls = call.classes[call.classes.length - 1];
    const here = cls ? { unit: call.unit, node: cls } : undefined;
    if (member === 'constructor') {
      if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.SuperKeyword) return here && this.parent(here);
      return ts.isNewExpression(n) && ts.isIdentifier(n.expression) ? this.classNamed(call.unit, n.expression.text) : undefined;
    }
    if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression) || n.expression.name.text !== member) return undefined;
    const recv = skipWrappers(n.expression.expression);
    if (recv.kind === ts.SyntaxKind.ThisKeyword) return here;
    if (recv.kind === ts.SyntaxKind.SuperKeyword) return here && this.parent(here);
    if (ts.isPropertyAccessExpression(recv) && recv.expression.kind === ts.SyntaxKind.ThisKeyword) return here && this.fieldClass(here, recv.name.text);
    if (ts.isIdentifier(recv)) return this.variableClass(call, recv.text);
    return undefined;
  }

  /** The class a field is typed with or given by the constructor (`private instance: BullMqService`). */
  private fieldClass(cls: ClassRef, field: string): ClassRef | undefined {
    for (const c of this.chain(cls)) {
      for (const m of c.node.members) {
        if (ts.isPropertyDeclaration(m) && propName(m.name) === field) return this.typeClass(c.unit, m.type, m.initializer);
      }
      const ctor = constructorOf(c.node);
      if (!ctor) continue;
      for (const p of ctor.parameters) {
        if (ts.isIdentifier(p.name) && p.name.text === field && isParameterProperty(p)) return this.typeClass(c.unit, p.type, undefined);
      }
      for (const p of ctor.parameters) {
        if (ts.isIdentifier(p.name) && assignsField(ctor, field, p.name.text)) return this.typeClass(c.unit, p.type, undefined);
      }
    }
    return undefined;
  }

  /** The class of a parameter or variable of the functions the call sits in, or of the module. */
  private variableClass(call: Call, name: string): ClassRef | undefined {
    for (let i = call.fns.length - 1; i >= 0; i--) {
      const fn = call.fns[i];
      const p = fn.parameters.find((x) => ts.isIdentifier(x.name) && x.name.text === name);
      if (p) return this.typeClass(call.unit, p.type, p.initializer);
      const d = fn.body ? variableIn(fn.body, name) : undefined;
      if (d) return this.typeClass(call.unit, d.type, d.initializer);
    }
    const d = variableIn(call.unit.sf, name);
    return d ? this.typeClass(call.unit, d.type, d.initializer) : undefined;
  }

  private typeClass(unit: ModuleUnit, type: ts.TypeNode | undefined, init: ts.Expression | undefined): ClassRef | undefined {
    if (type && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) return this.classNamed(unit, type.typeName.text);
    const made = init ? skipWrappers(init) : undefined;
    if (made && ts.isNewExpression(made) && ts.isIdentifier(made.expression)) return this.classNamed(unit, made.expression.text);
    return undefined;
  }
}

function keyOf(c: ClassRef): string {
  return `${c.unit.path}:${c.node.pos}`;
}

function label(t: Target): string {
  const name = t.cls.node.name?.text ?? '(class)';
  const ctor = t.member === 'constructor' ? constructorOf(t.cls.node) : undefined;
  const method = ctor ?? t.cls.node.members.find((m) => ts.isMethodDeclaration(m) && propName(m.name) === t.member);
  const p = method && ts.isFunctionLike(method) ? method.parameters[t.param] : undefined;
  const param = p && ts.isIdentifier(p.name) ? p.name.text : `#${t.param + 1}`;
  return t.member === 'constructor' ? `${name}(${param})` : `${name}.${t.member}(${param})`;
}

function declares(node: ts.ClassLikeDeclaration | undefined, member: string): boolean {
  if (!node) return false;
  if (member === 'constructor') return constructorOf(node) !== undefined;
  return node.members.some((m) => ts.isMethodDeclaration(m) && !!m.body && propName(m.name) === member);
}

function constructorOf(node: ts.ClassLikeDeclaration): ts.ConstructorDeclaration | undefined {
  return node.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && !!m.body);
}

function isParameterProperty(p: ts.ParameterDeclaration): boolean {
  return (ts.getCombinedModifierFlags(p) & ts.ModifierFlags.ParameterPropertyModifier) !== 0;
}

/** Whether the constructor's own statements set `this.field = param`. */
function assignsField(ctor: ts.ConstructorDeclaration, field: string, param: string): boolean {
  return (ctor.body?.statements ?? []).some((st) => {
    if (!ts.isExpressionStatement(st) || !ts.isBinaryExpression(st.expression) || st.expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
    const { left, right } = st.expression;
    return ts.isPropertyAccessExpression(left) && left.expression.kind === ts.SyntaxKind.ThisKeyword && left.name.text === field && ts.isIdentifier(skipWrappers(right)) && (skipWrappers(right) as ts.Identifier).text === param;
  });
}

/** A variable declared by the statements of a block or module (not in nested functions or blocks). */
function variableIn(body: ts.Node, name: string): { type?: ts.TypeNode; initializer?: ts.Expression; isConst: boolean } | undefined {
  const statements = ts.isBlock(body) || ts.isSourceFile(body) ? body.statements : [];
  for (const st of statements) {
    if (!ts.isVariableStatement(st)) continue;
    const isConst = (st.declarationList.flags & ts.NodeFlags.Const) !== 0;
    for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === name) return { type: d.type, initializer: d.initializer, isConst };
  }
  return undefined;
}

function lineOf(unit: ModuleUnit, node: ts.Node): number {
  const sf = unit.sf;
  return sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
}
