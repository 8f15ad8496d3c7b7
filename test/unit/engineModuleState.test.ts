// Regression: on hackathon-starter, lazy singletons, once-flags, test-file variables and a lazily created
// Keyv cache were reported as in-process session state (17 entries where 4 are real).
import * as assert from 'assert';
import { analyzeFiles } from './helpers/project';

function stateOf(files: Record<string, string>): string[] {
  return analyzeFiles(files)
    .sessions.filter((s) => s.framework === 'module-state')
    .map((s) => `${s.file}:${s.line} ${s.detail}`);
}

describe('engine: module-level state', () => {
  it('a cache filled by functions is state; a lazy singleton and a once-flag are not', () => {
    const src = `import { createAgent } from './agent';
const sessions = new Map<string, string>();
let agent: unknown = null;
let ready = false;
let lastLogin = 0;
export function login(id: string) { sessions.set(id, 'x'); lastLogin = Date.now(); }
export function getAgent() { if (!agent) agent = createAgent(); return agent; }
export function warmUp() { ready = true; }
`;
    assert.deepStrictEqual(stateOf({ 'src/auth.ts': src, 'src/agent.ts': 'export const createAgent = () => ({});\n' }), [
      'src/auth.ts:2 module-level sessions mutated by functions',
      'src/auth.ts:5 module-level lastLogin mutated by functions',
    ]);
  });

  it('writes through a let that was not a Map, Set, {} or [] are not state (the value may be an external cache)', () => {
    const src = `import Keyv from 'keyv';
let cache: Keyv | null = null;
export async function remember(k: string, v: string) {
  if (cache === null) cache = new Keyv();
  await cache.set(k, v);
}
`;
    assert.deepStrictEqual(stateOf({ 'src/cache.ts': src }), []);
  });

  it('variables of test files are not state a deployment shares', () => {
    const src = 'let app: unknown;\nbeforeEach(() => { app = {}; });\nconst seen = new Set();\nit("x", () => { seen.add(1); });\n';
    assert.deepStrictEqual(stateOf({ 'test/app.test.ts': src, 'src/__tests__/b.ts': src, 'src/c.spec.js': src }), []);
  });

  it('only in modules the backend runs: a client hook is not server state, a cache a route imports is', () => {
    const files = {
      'package.json': JSON.stringify({ name: 'notes', dependencies: { express: '^4.19.0', react: '^18.0.0' } }),
      'server/app.ts': `import express from 'express';
import { remember } from './cache';
import type { EditorProps } from '../web/editor';
export const app = express();
app.get('/notes/:id', (req, res) => res.json(remember(req.params.id)));
export type Props = EditorProps;
`,
      'server/cache.ts': `const recent = new Map<string, number>();
export function remember(id: string) { recent.set(id, Date.now()); return recent.size; }
`,
      // Reached from the server by a type-only import: a browser bundle, not the server process.
      'web/editor.tsx': `import { useEffect } from 'react';
import { onKey } from './hooks';
export interface EditorProps { id: string }
export function Editor(p: EditorProps) { useEffect(() => onKey(p.id), [p.id]); return null; }
`,
      'web/hooks.ts': `const handlers: string[] = [];
export function onKey(id: string) { handlers.push(id); }
`,
    };
    assert.deepStrictEqual(stateOf(files), ['server/cache.ts:1 module-level recent mutated by functions']);
    // With no ORM, router or queue anywhere, the backend cannot be told apart: every module counts.
    const { 'server/app.ts': _app, ...frameworkless } = files;
    assert.deepStrictEqual(stateOf(frameworkless), ['server/cache.ts:1 module-level recent mutated by functions', 'web/hooks.ts:1 module-level handlers mutated by functions']);
  });
});
