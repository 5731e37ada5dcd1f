// The extension's modules import each other without cycles. A cycle works until a module uses
// another at load time, and then fails in one browser's load order and not the other's; it also
// means two files share one concern. (tsc's noUnusedLocals/noUnusedParameters catch unused code;
// this catches cycles, which tsc does not. ESLint's import plugin would need a native resolver
// package per platform, which `npm ci` cannot fetch here for other platforms.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const EXTENSION = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../extension');
/** Static imports and re-exports: `import … from './x.js'`, `import './x.js'`, `export … from './x.js'`. */
const IMPORT = /^\s*(?:import|export)\s+(?:[^'";]*?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm;

/** @param {string} dir @returns {string[]} */
function modules(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'wasm' ? [] : modules(p);
    return e.name.endsWith('.js') ? [p] : [];
  });
}

/** @returns {Map<string, string[]>} module → the modules it imports (inside extension/) */
function graph() {
  const edges = new Map();
  for (const file of modules(EXTENSION)) {
    const source = fs.readFileSync(file, 'utf8');
    const deps = [...source.matchAll(IMPORT)]
      .map((m) => path.resolve(path.dirname(file), m[1]))
      .filter((dep) => dep.startsWith(EXTENSION + path.sep) && !dep.includes(`${path.sep}wasm${path.sep}`));
    edges.set(file, deps);
  }
  return edges;
}

/** Every cycle, each as the list of files along it. @param {Map<string, string[]>} edges */
function cycles(edges) {
  const found = [];
  const state = new Map(); // undefined: new, 1: on the stack, 2: done
  const stack = [];
  /** @param {string} node */
  const visit = (node) => {
    state.set(node, 1);
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (state.get(next) === 1) found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 2);
  };
  for (const node of edges.keys()) if (!state.has(node)) visit(node);
  return found.map((c) => c.map((f) => path.relative(EXTENSION, f)).join(' → '));
}

test('the checker finds a cycle when there is one', () => {
  const a = path.join(EXTENSION, 'a.js');
  const b = path.join(EXTENSION, 'b.js');
  assert.deepEqual(cycles(new Map([[a, [b]], [b, [a]]])), ['a.js → b.js → a.js']);
  assert.deepEqual(cycles(new Map([[a, [b]], [b, []]])), []);
});

test('every relative import names a file that exists', () => {
  const missing = [...graph()].flatMap(([file, deps]) => deps.filter((d) => !fs.existsSync(d)).map((d) => `${path.relative(EXTENSION, file)} → ${path.relative(EXTENSION, d)}`));
  assert.deepEqual(missing, []);
});

test('the extension has no import cycle', () => {
  assert.deepEqual(cycles(graph()), []);
});
