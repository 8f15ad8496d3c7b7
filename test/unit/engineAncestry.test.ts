/**
 * The engine parses without parent pointers; ancestry.ts answers "what is this node's parent / top-level
 * statement" from positions. Checked against TypeScript's own parent pointers on the same text, for every
 * node of a module that has nesting, decorators, zero-width recovery nodes and comments between statements.
 */
import * as assert from 'assert';
import { ts } from 'ts-morph';
import { ancestorsOf, nodeAt, parentOf, topStatementOf } from '../../server/src/engine/bind/ancestry';
import { parseModule } from '../../server/src/engine/bind/module';

const SOURCE = `// header comment
import { Controller, Get } from '@nestjs/common';
const cache = new Map<string, number>();

/** doc */
@Controller('users')
export class UsersController {
  constructor(@InjectRepository(User) private readonly repo: Repository<User>) {}
  @Get(':id')
  async find(id: string) {
    if (!cache.has(id)) cache.set(id, (await this.repo.findOne({ where: { id } }))!.age);
    return ((cache.get(id) as number) + 1);
  }
}
export const broken = (;
module.exports.x = () => [1, 2, { a: [3] }];
`;

function allNodes(root: ts.Node): ts.Node[] {
  const out: ts.Node[] = [];
  const visit = (n: ts.Node) => {
    out.push(n);
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(root, visit);
  return out;
}

describe('ancestry without parent pointers', () => {
  const bare = parseModule('src/users.controller.ts', SOURCE);
  const linked = ts.createSourceFile('src/users.controller.ts', SOURCE, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const bareNodes = allNodes(bare);
  const linkedNodes = allNodes(linked);

  it('parses with no parent pointers (what the engine relies on being cheap)', () => {
    assert.strictEqual(bare.statements[0].parent, undefined);
    assert.strictEqual(bareNodes.length, linkedNodes.length);
    assert.ok(bareNodes.length > 100, `${bareNodes.length} nodes`);
  });

  it("finds every node's parent and ancestors as TypeScript's parent pointers give them", () => {
    const index = new Map(bareNodes.map((n, i) => [n, i]));
    for (let i = 0; i < bareNodes.length; i++) {
      const expected = linkedNodes[i].parent;
      const got = parentOf(bare, bareNodes[i]);
      const want = expected === linked ? bare : bareNodes[linkedNodes.indexOf(expected)];
      assert.strictEqual(got, want, `parent of ${ts.SyntaxKind[bareNodes[i].kind]} at ${bareNodes[i].pos}`);
      const chain = ancestorsOf(bare, bareNodes[i]).map((n) => (n === bare ? -1 : index.get(n)));
      const wantChain: number[] = [];
      for (let p: ts.Node | undefined = linkedNodes[i].parent; p; p = p.parent) wantChain.unshift(p === linked ? -1 : linkedNodes.indexOf(p));
      assert.deepStrictEqual(chain, wantChain);
    }
  });

  it('finds the top-level statement of every node by binary search', () => {
    for (let i = 0; i < bareNodes.length; i++) {
      let top: ts.Node = linkedNodes[i];
      while (top.parent && top.parent !== linked) top = top.parent;
      const want = top.parent === linked ? bare.statements[linked.statements.indexOf(top as ts.Statement)] : undefined;
      assert.strictEqual(topStatementOf(bare, bareNodes[i]), want, `top of ${ts.SyntaxKind[bareNodes[i].kind]} at ${bareNodes[i].pos}`);
    }
  });

  it('finds every node again in another parse of the same text, by span and kind', () => {
    const again = allNodes(parseModule('src/users.controller.ts', SOURCE));
    assert.strictEqual(again.length, bareNodes.length);
    for (let i = 0; i < bareNodes.length; i++) {
      const n = again[i];
      // Zero-width nodes (error recovery) have no span to find them by.
      if (n.pos === n.end) continue;
      assert.strictEqual(nodeAt(bare, n.pos, n.end, n.kind), bareNodes[i], `${ts.SyntaxKind[n.kind]} at ${n.pos}`);
    }
    assert.strictEqual(nodeAt(bare, 0, SOURCE.length + 10, ts.SyntaxKind.Block), undefined);
  });

  it('knows nothing of a node from another file', () => {
    const other = parseModule('src/other.ts', 'const y = 2;');
    assert.deepStrictEqual(ancestorsOf(bare, other.statements[0]), []);
    assert.strictEqual(parentOf(bare, bare), undefined);
  });
});
