/**
 * The syntax trees of a workspace, kept within a memory budget. A retained TypeScript tree costs about 25
 * bytes of heap per character of source: 30,000 files of a real backend would need several GiB, past V8's
 * default heap limit. The store keeps the text of every module and as many trees as the budget allows, the
 * most recently used first; a tree that was dropped is parsed again when asked for.
 *
 * A module's text is set when the session reads it. Asking with another text (a binding made before an edit)
 * parses that text without keeping it, so an old tree never replaces the current one.
 */
import { ts } from 'ts-morph';
import { parseModule } from './module';

export class AstStore {
  private readonly texts = new Map<string, string>();
  /** Kept trees, least recently used first. */
  private readonly trees = new Map<string, ts.SourceFile>();
  private keptChars = 0;
  /** Parses done on request because a tree had been dropped (or asked for with an old text). */
  reparsed = 0;

  /**
   * @param budgetChars characters of source whose trees are kept. The last tree is kept even past the budget,
   * except with a budget of 0, which keeps none: every read parses again (the tests' strictest setting).
   */
  constructor(readonly budgetChars: number) {}

  /** The current text of a module, if it was read. */
  text(path: string): string | undefined {
    return this.texts.get(path);
  }

  /** Records a module's current text and, when given, its freshly parsed tree. */
  set(path: string, text: string, sf?: ts.SourceFile): void {
    if (this.texts.get(path) !== text) this.drop(path);
    this.texts.set(path, text);
    if (sf) this.keep(path, sf);
  }

  /** The tree of a module's text: kept, or parsed again (and kept when it is the current text). */
  get(path: string, text: string): ts.SourceFile {
    const current = this.texts.get(path) === text;
    const kept = current ? this.trees.get(path) : undefined;
    if (kept) {
      // Most recently used goes last.
      this.trees.delete(path);
      this.trees.set(path, kept);
      return kept;
    }
    this.reparsed++;
    const sf = parseModule(path, text);
    if (current) this.keep(path, sf);
    return sf;
  }

  /** Forgets every text and tree. */
  clear(): void {
    this.texts.clear();
    this.trees.clear();
    this.keptChars = 0;
  }

  forget(path: string): void {
    this.drop(path);
    this.texts.delete(path);
  }

  paths(): IterableIterator<string> {
    return this.texts.keys();
  }

  private keep(path: string, sf: ts.SourceFile): void {
    this.drop(path);
    if (this.budgetChars === 0) return;
    this.trees.set(path, sf);
    this.keptChars += sf.text.length;
    for (const [p, t] of this.trees) {
      if (this.keptChars <= this.budgetChars || p === path) break;
      this.trees.delete(p);
      this.keptChars -= t.text.length;
    }
  }

  private drop(path: string): void {
    const t = this.trees.get(path);
    if (!t) return;
    this.trees.delete(path);
    this.keptChars -= t.text.length;
  }
}
