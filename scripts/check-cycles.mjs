#!/usr/bin/env node
// Import-cycle check over the whole source tree, type-only imports included.
//
// ESLint's import-x/no-cycle (eslint.config.mjs) catches cycles between runtime imports
// file by file, but it skips `import type` by design. A cycle through types still ties two
// modules together (neither can be understood, moved or split without the other), so this
// check builds the full graph — static imports, `import type`, `export … from`, dynamic
// `import()` and `require()` — and reports every strongly connected component.
//
// Usage: node scripts/check-cycles.mjs [dir …]   (default: src scripts tests, without the
// deliberate cycles of tests/fixtures/cycles)
// Exit code 1 when a cycle exists; the cycles are printed one per line.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SOURCE = /\.(ts|tsx|mts|cts|mjs|cjs|js)$/;
const TRY = ['', '.ts', '.tsx', '.mts', '.cts', '.mjs', '.cjs', '.js', '/index.ts', '/index.tsx'];
const SKIP_DIRS = new Set(['node_modules', 'out', 'dist', '.git', 'test-results']);

function listFiles(dir, into, exclude) {
  for (const name of readdirSync(dir)) {
    if (SKIP_DIRS.has(name)) continue;
    const full = path.join(dir, name);
    if (exclude.has(full)) continue;
    const st = statSync(full);
    if (st.isDirectory()) listFiles(full, into, exclude);
    else if (SOURCE.test(name) && !name.endsWith('.d.ts')) into.push(full);
  }
  return into;
}

function resolveRelative(fromFile, spec) {
  if (!spec.startsWith('.')) return null; // packages and node built-ins are leaves
  const base = path.resolve(path.dirname(fromFile), spec);
  const candidates = [...TRY.map((ext) => base + ext)];
  // `./x.js` written for a `./x.ts` source (NodeNext style).
  if (/\.(m|c)?js$/.test(base)) {
    const stem = base.replace(/\.(m|c)?js$/, '');
    candidates.push(stem + '.ts', stem + '.tsx', stem + '.mts', stem + '.cts');
  }
  for (const candidate of candidates) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** The import graph of every source file under `roots`: file → files it imports. */
export function importGraph(roots, exclude = []) {
  const skip = new Set(exclude.map((dir) => path.resolve(dir)));
  const files = roots.flatMap((root) => (existsSync(root) ? listFiles(root, [], skip) : []));
  const graph = new Map();
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = new Set();
    for (const ref of info.importedFiles) {
      const target = resolveRelative(file, ref.fileName);
      if (target) targets.add(target);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** Every cycle (strongly connected component of two or more files, or a self-import). */
export function findCycles(roots, exclude = []) {
  const graph = importGraph(
    roots.map((root) => path.resolve(root)),
    exclude,
  );
  let index = 0;
  const indices = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const components = [];

  // Tarjan's algorithm, iterative so a deep tree cannot overflow the call stack.
  for (const start of graph.keys()) {
    if (indices.has(start)) continue;
    const work = [{ node: start, edges: [...(graph.get(start) ?? [])], i: 0 }];
    indices.set(start, index);
    low.set(start, index++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame.i < frame.edges.length) {
        const next = frame.edges[frame.i++];
        if (!graph.has(next)) continue;
        if (!indices.has(next)) {
          indices.set(next, index);
          low.set(next, index++);
          stack.push(next);
          onStack.add(next);
          work.push({ node: next, edges: [...(graph.get(next) ?? [])], i: 0 });
        } else if (onStack.has(next)) {
          low.set(frame.node, Math.min(low.get(frame.node), indices.get(next)));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent), low.get(frame.node)));
      }
      if (low.get(frame.node) === indices.get(frame.node)) {
        const component = [];
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const selfLoop = component.length === 1 && graph.get(member)?.has(member);
        if (component.length > 1 || selfLoop) components.push(component.sort());
      }
    }
  }
  return components.map((component) => ({
    files: component,
    path: cyclePath(graph, component),
  }));
}

/** One concrete loop through a component, for a readable report. */
function cyclePath(graph, component) {
  const members = new Set(component);
  const start = component[0];
  const previous = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift();
    for (const next of graph.get(node) ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const loop = [start];
        for (let at = node; at !== null && at !== start; at = previous.get(at))
          loop.splice(1, 0, at);
        loop.push(start);
        return loop;
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [...component, start];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const roots = process.argv.slice(2);
  const cycles =
    roots.length > 0
      ? findCycles(roots)
      : findCycles(['src', 'scripts', 'tests'], ['tests/fixtures/cycles']);
  const rel = (file) => path.relative(process.cwd(), file);
  for (const cycle of cycles) console.error(`import cycle: ${cycle.path.map(rel).join(' → ')}`);
  if (cycles.length > 0) {
    console.error(`${cycles.length} import cycle(s); move the shared types into their own file.`);
    process.exit(1);
  }
  console.log('no import cycles');
}
