/**
 * Functions a framework calls with its own `this`: Mongoose runs `schema.statics.x = function () { this.findOne(…) }`
 * with the model as `this`, `schema.methods.x` and `schema.pre('save', function (next) { … })` with the document
 * (and hands a hook its `next`). The pack's `hostedFunctions` say which members, written how; the detector binds
 * `this` (and `next`) while it walks such a function. Arrow functions keep the `this` around them.
 */
import { ts } from 'ts-morph';
import type { Binding, FrameworkBinding } from '../bind/binding';
import { propName, skipWrappers } from '../bind/binding';
import { positionKey } from '../bind/evaluate';
import type { HostedFunctionRule } from '../../rules/rulePack';
import type { ChainLink, DetectorHost } from './chain';
import type { LocalParams } from './detect';

export interface HostedHost extends DetectorHost {
  readonly localParams: LocalParams;
  /** `this` of the module's own functions, by function key. */
  readonly localThis: Map<string, FrameworkBinding>;
}

/** `schema.pre('save', function (next) { … })`, `schema.method('x', function () { … })`. */
export function hostedCall(d: HostedHost, root: Binding | undefined, links: ChainLink[]): void {
  const [member, call] = links;
  if (root?.kind !== 'framework' || root.typeOnly || member?.kind !== 'property' || call?.kind !== 'call' || links.length !== 2) return;
  const rule = ruleFor(d, root, member.name, 'call');
  if (rule) for (const a of call.args) host(d, root, rule, a);
}

/** `schema.statics.x = function () { … }`, `schema.methods = { x() { … } }`. */
export function hostedAssignment(d: HostedHost, b: ts.BinaryExpression): void {
  if (b.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
  let target = skipWrappers(b.left);
  // `schema.statics.x = …` is a member of `schema.statics`; `schema.statics = { … }` the whole table.
  const whole = ts.isPropertyAccessExpression(target) && !ts.isPropertyAccessExpression(skipWrappers(target.expression));
  if (!whole && ts.isPropertyAccessExpression(target)) target = skipWrappers(target.expression);
  if (!ts.isPropertyAccessExpression(target)) return;
  const owner = skipWrappers(target.expression);
  const root = ts.isIdentifier(owner) ? d.scope(owner.text) : undefined;
  if (root?.kind !== 'framework' || root.typeOnly) return;
  const rule = ruleFor(d, root, target.name.text, 'assign');
  if (!rule) return;
  const value = skipWrappers(b.right);
  if (!whole) return host(d, root, rule, value);
  if (!ts.isObjectLiteralExpression(value)) return;
  for (const p of value.properties) {
    if (ts.isMethodDeclaration(p)) host(d, root, rule, p);
    else if (ts.isPropertyAssignment(p) && propName(p.name) !== undefined) host(d, root, rule, p.initializer);
  }
}

function ruleFor(d: DetectorHost, root: FrameworkBinding, member: string, form: 'call' | 'assign'): HostedFunctionRule | undefined {
  if (root.path.length) return undefined;
  const rules = d.binder.packs.byId.get(root.pack)?.hostedFunctions;
  return rules?.find((r) => r.member === member && r.form === form && (r.on === undefined || r.on === root.role));
}

function host(d: HostedHost, owner: FrameworkBinding, rule: HostedFunctionRule, e: ts.Node): void {
  const fn = ts.isMethodDeclaration(e) ? e : skipWrappers(e as ts.Expression);
  if (!ts.isFunctionExpression(fn) && !ts.isMethodDeclaration(fn) && !ts.isArrowFunction(fn)) return;
  const key = positionKey(d.ctx, fn);
  const at = thisKey(owner, rule);
  // `this` as Mongoose sets it: the model (statics) or a document of it (methods, document hooks), the model being
  // whichever one is made from this schema (see `schemaModelKey`).
  if (!ts.isArrowFunction(fn)) d.localThis.set(key, { kind: 'framework', pack: owner.pack, role: 'model', path: [], key: at, ...(rule.this === 'instance' ? { instance: true, model: schemaModelKey(owner.key) } : {}), via: owner.via });
  if (rule.nextParam !== undefined && fn.parameters.length > rule.nextParam) {
    d.localParams.set(key, new Map([[rule.nextParam, { kind: 'framework', pack: owner.pack, role: 'value', path: [], key: `${at}:next` }]]));
  }
}

function thisKey(owner: FrameworkBinding, rule: HostedFunctionRule): string {
  return `${owner.key}#${rule.this}`;
}

/**
 * The key uses of the model take in a schema's hosted functions (`this.findOne()` in a static, `this.save()` in a
 * method): the model made from that schema (`mongoose.model('User', UserSchema)`) answers to it too.
 */
export function schemaModelKey(schemaKey: string): string {
  return `${schemaKey}#model`;
}

/**
 * The names the module gives its hosted functions, by the key of the `this` they run with: `schema.methods.gravatar
 * = function …` makes `this.gravatar()` (and `user.gravatar()` on a document) the project's own method, as a
 * method declared on a model class is. Read from the module's top-level statements.
 */
export function hostedNames(d: HostedHost): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (owner: FrameworkBinding, rule: HostedFunctionRule, name: string | undefined) => {
    if (name === undefined) return;
    const k = thisKey(owner, rule);
    let set = out.get(k);
    if (!set) out.set(k, (set = new Set()));
    set.add(name);
  };
  const ownerOf = (e: ts.Expression) => {
    const x = skipWrappers(e);
    const b = ts.isIdentifier(x) ? d.unit.locals.get(x.text) : undefined;
    return b?.kind === 'framework' && !b.typeOnly ? b : undefined;
  };
  for (const st of d.sf.statements) {
    if (!ts.isExpressionStatement(st)) continue;
    const e = skipWrappers(st.expression);
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(e.left)) {
      const left = e.left;
      const inner = skipWrappers(left.expression);
      if (ts.isPropertyAccessExpression(inner)) {
        // `schema.methods.name = …`
        const owner = ownerOf(inner.expression);
        const rule = owner && ruleFor(d, owner, inner.name.text, 'assign');
        if (owner && rule) add(owner, rule, left.name.text);
      } else {
        // `schema.methods = { a() {…}, b: function () {…} }`
        const owner = ownerOf(inner);
        const rule = owner && ruleFor(d, owner, left.name.text, 'assign');
        const value = skipWrappers(e.right);
        if (owner && rule && ts.isObjectLiteralExpression(value)) for (const p of value.properties) add(owner, rule, p.name ? propName(p.name) : undefined);
      }
    } else if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.arguments.length >= 2) {
      // `schema.method('name', function …)`
      const owner = ownerOf(e.expression.expression);
      const rule = owner && ruleFor(d, owner, e.expression.name.text, 'call');
      const name = e.arguments[0];
      if (owner && rule && (ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name))) add(owner, rule, name.text);
    }
  }
  return out;
}
