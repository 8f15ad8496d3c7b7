/**
 * Types as the detector sees them: annotations naming a framework's types (`Repository<User>`, `typeof User`), and
 * augmentations of a framework's module (`declare module 'fastify' { … }`).
 */
import { ts } from 'ts-morph';
import type { FrameworkBinding } from '../bind/binding';
import type { Scope } from '../bind/evaluate';
import { isSameValueType, returnTypeBinding, typeBinding } from '../bind/annotations';
import { isSeamInstance } from '../bind/evaluate';
import type { RulePack } from '../../rules/rulePack';
import type { SiteKind } from '../model';
import type { DetectorHost } from './chain';

/** The detector's side that type reading needs. */
export interface TypeSiteHost extends DetectorHost {
  walk(node: ts.Node | undefined): void;
  addSite(node: ts.Node, b: FrameworkBinding, kind: SiteKind, text: string, via?: string): void;
  packSite(node: ts.Node, pack: RulePack, kind: SiteKind, text: string, via?: string): void;
}

export class TypeReader {
  constructor(private readonly d: TypeSiteHost) {}

  walkType(t: ts.Node | undefined): void {
    if (!t) return;
    if (ts.isTypeReferenceNode(t)) {
      const b = typeBinding(t, this.d.scope, this.d.ctx);
      // A seam's type (an injected service) is the project's; `Pick<…>` is named by its arguments, walked below.
      if (b && !isSeamInstance(b) && !isSameValueType(t, this.d.scope)) {
        const root = rootTypeBinding(t, this.d.scope);
        // Naming the project's alias of a framework type (`db: Db`) names the project's type.
        // `ReturnType<typeof createQueue>` names the framework's type through the project function, all of it.
        const whole = returnTypeBinding(t, this.d.scope, this.d.ctx);
        if (whole) this.d.addSite(t, whole, 'type-ref', this.d.text(t));
        else if (!root?.alias) this.d.addSite(t.typeName, root ?? b, 'type-ref', this.d.text(t.typeName), root?.via);
      }
      t.typeArguments?.forEach((a) => this.walkType(a));
      return;
    }
    if (ts.isTypeQueryNode(t)) {
      const b = typeBinding(t, this.d.scope, this.d.ctx);
      if (b) this.d.addSite(t, b, 'type-ref', this.d.text(t));
      return;
    }
    if (ts.isExpressionWithTypeArguments(t)) {
      t.typeArguments?.forEach((a) => this.walkType(a));
      return;
    }
    ts.forEachChild(t, (c) => (ts.isTypeNode(c) || ts.isTypeElement(c) || ts.isParameter(c) || ts.isTypeParameterDeclaration(c) ? this.walkType(c) : undefined));
  }

  /**
   * `declare module 'fastify' { interface FastifyInstance { knex: Knex } }`: augmenting a framework's module, and
   * each interface merged into it, is written against that framework (type references). Other namespaces are
   * walked as code.
   */
  walkAugmentation(node: ts.ModuleDeclaration): void {
    const name = ts.isStringLiteral(node.name) ? node.name.text : undefined;
    const pack = name !== undefined ? this.d.binder.packs.packForSpecifier(name) : undefined;
    if (!pack) return ts.forEachChild(node, (c) => this.d.walk(c));
    this.d.packSite(node.name, pack, 'type-ref', `declare module '${name}'`);
    const body = node.body && ts.isModuleBlock(node.body) ? node.body : undefined;
    for (const st of body?.statements ?? []) {
      if (ts.isInterfaceDeclaration(st)) this.d.packSite(st.name, pack, 'type-ref', `interface ${st.name.text}`);
      this.d.walk(st);
    }
  }

  /** An interface or type alias: only its types can name a framework. */
  walkTypes(node: ts.InterfaceDeclaration | ts.TypeAliasDeclaration): void {
    ts.forEachChild(node, (c) => this.walkType(c));
  }
}

/** The binding of a type reference's leftmost name (`express` of `express.Request`), when it is the framework's. */
function rootTypeBinding(t: ts.TypeReferenceNode, scope: Scope): FrameworkBinding | undefined {
  let n: ts.EntityName = t.typeName;
  while (ts.isQualifiedName(n)) n = n.left;
  const b = scope(n.text);
  return b?.kind === 'framework' ? b : undefined;
}
