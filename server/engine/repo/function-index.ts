// Which functions a repository has, for seeding SVG (one vague change request per sampled
// function). Python through tree-sitter's WebAssembly grammar; more languages plug in as a
// LanguageSpec (grammar + which nodes are functions/classes + file extensions).
import path from 'node:path';
import { Language, Parser, type Node } from 'web-tree-sitter';
import { packageDir } from '../package-dir';

export interface LanguageSpec {
  name: string;
  extensions: string[];
  /** Resolves the grammar's .wasm file on disk. */
  grammarPath: () => string;
  functionNodes: string[];
  classNodes: string[];
  /** Wrapper nodes whose child is the real definition (e.g. Python decorators). */
  wrapperNodes: string[];
  isTestFile: (file: string) => boolean;
  /** Marks a folder as a package (e.g. __init__.py). */
  packageMarker?: string;
}

export const PYTHON: LanguageSpec = {
  name: 'python',
  extensions: ['.py'],
  grammarPath: () => path.join(packageDir('tree-sitter-python'), 'tree-sitter-python.wasm'),
  functionNodes: ['function_definition'],
  classNodes: ['class_definition'],
  wrapperNodes: ['decorated_definition'],
  isTestFile: (f) => /(^|\/)(tests?|testing)\//.test(f) || /(^|\/)(test_[^/]*|[^/]*_test|conftest)\.py$/.test(f),
  packageMarker: '__init__.py',
};

export interface IndexedFunction {
  /** SERA-style id: `path::Class.method`. */
  id: string;
  file: string;
  qualifiedName: string;
  startLine: number;
  endLine: number;
  lines: number;
}

export interface IndexOptions {
  /** Folders to index (relative); empty = auto-detected top-level packages. */
  include?: string[];
  exclude?: string[];
  /** Maximum folder depth below an included root. */
  maxDepth?: number;
  /** Skip functions shorter than this many lines. */
  minLines?: number;
  /** Cap on functions per repository (after deterministic sampling). */
  cap?: number;
  seed?: number;
}

export interface IndexResult {
  language: string;
  roots: string[];
  files: number;
  functions: IndexedFunction[];
  total: number;
  perFolder: Record<string, number>;
}

const ALWAYS_EXCLUDED = /(^|\/)(\.[^/]+|node_modules|vendor|vendored|_vendor|third_party|thirdparty|site-packages|build|dist|docs?|examples?|migrations|__pycache__|\.?venv|env)(\/|$)/;
const GENERATED = /(_pb2(_grpc)?\.py|\.pyi|_version\.py)$/;

/** Top-level package folders: `pkg/__init__.py` or `src/pkg/__init__.py`; else folders with code. */
export function detectRoots(files: string[], spec: LanguageSpec = PYTHON): string[] {
  const marker = spec.packageMarker;
  const roots = new Set<string>();
  if (marker) {
    for (const f of files) {
      const parts = f.split('/');
      if (parts.length === 2 && parts[1] === marker && !spec.isTestFile(f)) roots.add(parts[0]);
      if (parts.length === 3 && parts[0] === 'src' && parts[2] === marker) roots.add(`src/${parts[1]}`);
    }
  }
  if (!roots.size) {
    for (const f of files) {
      if (!spec.extensions.some((e) => f.endsWith(e)) || spec.isTestFile(f) || ALWAYS_EXCLUDED.test(f)) continue;
      const top = f.includes('/') ? f.split('/')[0] : '.';
      roots.add(top);
    }
  }
  return [...roots].filter((r) => !ALWAYS_EXCLUDED.test(r + '/')).sort();
}

function matchesFolder(file: string, folder: string): boolean {
  if (folder === '.' || folder === '') return true;
  const f = folder.replace(/\/+$/, '');
  return file === f || file.startsWith(f + '/');
}

export function selectFiles(files: string[], opts: IndexOptions, spec: LanguageSpec = PYTHON): { roots: string[]; files: string[] } {
  const roots = opts.include?.length ? opts.include.map((r) => r.replace(/\/+$/, '')) : detectRoots(files, spec);
  const maxDepth = opts.maxDepth ?? 8;
  const picked = files.filter((f) => {
    if (!spec.extensions.some((e) => f.endsWith(e))) return false;
    if (spec.isTestFile(f) || ALWAYS_EXCLUDED.test(f) || GENERATED.test(f) || /(^|\/)setup\.py$/.test(f)) return false;
    if (opts.exclude?.some((x) => matchesFolder(f, x))) return false;
    const root = roots.find((r) => matchesFolder(f, r));
    if (root === undefined) return false;
    const depth = f.slice(root === '.' ? 0 : root.length + 1).split('/').length - 1;
    return depth <= maxDepth;
  });
  return { roots, files: picked.sort() };
}

let parserReady: Map<string, Promise<Parser>> = new Map();
function parserFor(spec: LanguageSpec): Promise<Parser> {
  let p = parserReady.get(spec.name);
  if (!p) {
    p = (async () => {
      await Parser.init();
      const lang = await Language.load(spec.grammarPath());
      const parser = new Parser();
      parser.setLanguage(lang);
      return parser;
    })();
    parserReady.set(spec.name, p);
  }
  return p;
}

/** Functions and methods of one file, with qualified names (nested classes and functions included). */
export async function functionsInFile(file: string, source: string, spec: LanguageSpec = PYTHON): Promise<IndexedFunction[]> {
  const parser = await parserFor(spec);
  const tree = parser.parse(source);
  if (!tree) return [];
  const out: IndexedFunction[] = [];
  const visit = (node: Node, scope: string[]) => {
    for (const child of node.namedChildren) {
      if (!child) continue;
      let def: Node = child;
      if (spec.wrapperNodes.includes(child.type)) def = child.childForFieldName('definition') ?? child;
      const name = def.childForFieldName('name')?.text;
      if (spec.functionNodes.includes(def.type) && name) {
        const qualifiedName = [...scope, name].join('.');
        const startLine = child.startPosition.row + 1;
        const endLine = def.endPosition.row + 1;
        out.push({ id: `${file}::${qualifiedName}`, file, qualifiedName, startLine, endLine, lines: endLine - startLine + 1 });
        const body = def.childForFieldName('body');
        if (body) visit(body, [...scope, name]);
      } else if (spec.classNodes.includes(def.type) && name) {
        const body = def.childForFieldName('body');
        if (body) visit(body, [...scope, name]);
      } else if (def !== child || ['if_statement', 'try_statement', 'block', 'else_clause', 'except_clause'].includes(def.type)) {
        visit(def, scope);
      }
    }
  };
  visit(tree.rootNode, []);
  tree.delete();
  return out;
}

/** Deterministic shuffle (mulberry32) so the same seed samples the same functions. */
export function seededSample<T>(items: T[], n: number, seed: number): T[] {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
}

export async function indexFunctions(
  deps: { listFiles: () => Promise<string[]>; readFile: (file: string) => Promise<string> },
  opts: IndexOptions = {},
  spec: LanguageSpec = PYTHON,
): Promise<IndexResult> {
  const all = await deps.listFiles();
  const { roots, files } = selectFiles(all, opts, spec);
  const functions: IndexedFunction[] = [];
  for (const f of files) {
    const fns = await functionsInFile(f, await deps.readFile(f), spec);
    functions.push(...fns.filter((fn) => fn.lines >= (opts.minLines ?? 1)));
  }
  const perFolder: Record<string, number> = {};
  for (const fn of functions) {
    const folder = path.dirname(fn.file);
    perFolder[folder] = (perFolder[folder] ?? 0) + 1;
  }
  const total = functions.length;
  const kept = opts.cap && total > opts.cap ? seededSample(functions, opts.cap, opts.seed ?? 0).sort((a, b) => a.id.localeCompare(b.id)) : functions;
  return { language: spec.name, roots, files: files.length, functions: kept, total, perFolder };
}

/** Language by extension counts, among the specs we support. */
export function detectLanguage(files: string[], specs: LanguageSpec[] = [PYTHON]): { language: string | null; counts: Record<string, number> } {
  const counts: Record<string, number> = {};
  for (const f of files) {
    const ext = path.extname(f);
    if (ext) counts[ext] = (counts[ext] ?? 0) + 1;
  }
  let best: { name: string; n: number } | null = null;
  for (const s of specs) {
    const n = s.extensions.reduce((acc, e) => acc + (counts[e] ?? 0), 0);
    if (n > 0 && (!best || n > best.n)) best = { name: s.name, n };
  }
  return { language: best?.name ?? null, counts };
}
