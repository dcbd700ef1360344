// Vague change requests for rollout 1 (SERA-PIPELINE-FACTS §3.2 describes SERA's 51). Ours
// are written in our own words, grounded in published bug taxonomies (Defects4J, BugsInPy:
// state, boundaries, error handling, API misuse, types, resources, concurrency, clarity,
// documentation...). Each names a category, a symptom and a consequence; the agent is told
// only that something is off around the seed function.

export interface ChangeType {
  id: string;
  category: string;
  symptom: string;
  consequence: string;
}

const T = (id: string, category: string, symptom: string, consequence: string): ChangeType => ({ id, category, symptom, consequence });

export const CHANGE_TYPES: ChangeType[] = [
  T('resource-lifecycle', 'resource cleanup and lifecycle management', 'files, connections or handles it opens are not always released', 'leaks and exhausted resources in long-running processes'),
  T('input-validation', 'input validation and type safety', 'unexpected or malformed arguments are accepted without complaint', 'confusing failures much later, far from the real cause'),
  T('error-handling', 'error handling and exception management', 'some failures are swallowed or reported with the wrong exception', 'callers that cannot tell what went wrong'),
  T('boundary-conditions', 'boundary conditions and edge cases', 'empty inputs, zero, one-element or maximum-size inputs behave differently than ordinary ones', 'crashes or wrong answers on edge inputs'),
  T('off-by-one', 'off-by-one errors in ranges and indices', 'the first or last element seems to be handled incorrectly', 'silently missing or duplicated items'),
  T('null-handling', 'handling of missing or None values', 'passing None or an absent value leads to an unhelpful error', 'fragile code paths wherever optional data appears'),
  T('state-management', 'state management and side effects', 'calling it twice gives different results or changes shared state unexpectedly', 'order-dependent behaviour that is hard to reproduce'),
  T('mutable-defaults', 'mutable default values and shared objects', 'results from one call leak into later calls', 'data bleeding between unrelated callers'),
  T('return-values', 'return values and contracts', 'what it returns does not always match what callers expect', 'callers that have to special-case its output'),
  T('type-conversion', 'type conversions and coercion', 'numbers, strings or collections are converted in surprising ways', 'subtle precision or formatting errors'),
  T('numeric-precision', 'numeric precision and arithmetic', 'some calculations come out slightly wrong or overflow', 'inaccurate results on larger or unusual values'),
  T('string-handling', 'string handling and text processing', 'whitespace, case or special characters are treated inconsistently', 'mismatches between what users type and what the code sees'),
  T('encoding', 'character encoding and Unicode', 'non-ASCII text is mangled or rejected', 'broken output for international users'),
  T('collections', 'collection handling and iteration', 'items are skipped, duplicated or reordered while iterating', 'incomplete or inconsistent results'),
  T('ordering', 'ordering and sorting assumptions', 'the order of results is not what the documentation implies', 'nondeterministic output and flaky comparisons'),
  T('api-misuse', 'use of library and standard APIs', 'a library call is used in a way that only works in common cases', 'breakage with other inputs or library versions'),
  T('api-contract', 'public API consistency', 'its parameters or behaviour differ from similar functions in the codebase', 'surprises for people using the API'),
  T('signature-drift', 'function signatures and call sites', 'callers and the function disagree about arguments or their meaning', 'arguments silently ignored or misinterpreted'),
  T('configuration', 'configuration and option handling', 'some options are ignored or their defaults are wrong', 'settings that appear to have no effect'),
  T('logging', 'logging, diagnostics and messages', 'messages are missing, misleading or too noisy', 'problems that are hard to diagnose'),
  T('error-messages', 'error messages and user feedback', 'the messages it produces do not explain what is wrong', 'users who cannot fix their own mistakes'),
  T('performance', 'performance and algorithmic efficiency', 'it becomes slow on larger inputs', 'timeouts and wasted compute'),
  T('caching', 'caching and memoisation', 'stale results are returned after the inputs change', 'outdated data shown to users'),
  T('concurrency', 'concurrency and thread safety', 'concurrent use can interleave in unsafe ways', 'rare corruption under load'),
  T('async-sync', 'asynchronous and synchronous boundaries', 'blocking and non-blocking code are mixed incorrectly', 'hangs or work that never completes'),
  T('time-handling', 'dates, times and time zones', 'results shift around midnight, month ends or time zones', 'off-by-a-day errors'),
  T('path-handling', 'file paths and the file system', 'relative paths, separators or missing directories are mishandled', 'failures on other machines or working directories'),
  T('serialization', 'serialization and parsing', 'data read back does not equal what was written', 'lost or corrupted fields'),
  T('equality-hashing', 'equality, hashing and comparison', 'equal objects compare unequal or hash differently', 'duplicates in sets and dictionaries'),
  T('inheritance', 'inheritance and method overriding', 'subclasses do not get the behaviour they expect', 'overrides that are silently bypassed'),
  T('initialization', 'object initialisation and construction', 'some attributes are not set up in every path', 'AttributeError or stale values later'),
  T('copying', 'copying and aliasing of objects', 'changing the result also changes the input, or vice versa', 'spooky action at a distance'),
  T('control-flow', 'control flow and branching logic', 'some branches are unreachable or taken in the wrong case', 'features that work only sometimes'),
  T('loop-termination', 'loop termination and recursion', 'some inputs make it loop too long or recurse too deep', 'hangs or RecursionError'),
  T('duplication', 'duplicated logic and consistency', 'it repeats logic that exists elsewhere with slight differences', 'behaviour that drifts between copies'),
  T('readability', 'code clarity and readability', 'the code is hard to follow and its intent is unclear', 'future changes that introduce bugs'),
  T('naming', 'naming and intent', 'names of variables or helpers do not say what they hold or do', 'misunderstandings by maintainers'),
  T('dead-code', 'dead or redundant code', 'parts of it never affect the result', 'confusion and maintenance cost'),
  T('documentation', 'documentation and docstrings', 'its docstring or comments do not describe what it actually does', 'callers relying on promises the code does not keep'),
  T('type-hints', 'type annotations', 'its annotations are missing or disagree with the values it handles', 'misleading tooling and wrong assumptions'),
  T('deprecation', 'deprecated behaviour and compatibility', 'it relies on behaviour that is deprecated or version-specific', 'breakage on upgrade'),
  T('security', 'security-sensitive handling of input', 'untrusted input reaches sensitive operations without care', 'injection or data exposure'),
  T('defensive-checks', 'assertions and defensive checks', 'invariants are assumed but never checked', 'failures that surface far from their cause'),
  T('units', 'units and measurement consistency', 'values in different units are mixed', 'results off by a constant factor'),
  T('default-arguments', 'default arguments and optional parameters', 'calling it without optional arguments behaves unexpectedly', 'surprising results for the simplest call'),
  T('return-early', 'early returns and guard clauses', 'some cases exit too early or too late', 'work skipped or done twice'),
  T('generality', 'generality and hard-coded values', 'it only works for the specific values it was first written for', 'breakage when data changes'),
  T('interfaces', 'interaction between modules', 'it assumes things about other modules that are no longer true', 'integration failures'),
  T('memory', 'memory use and object lifetime', 'it keeps more data alive than it needs', 'growing memory in long runs'),
  T('io-flow', 'input/output handling and data flow', 'data is lost or mismatched between steps', 'incomplete results downstream'),
];

/** Template 0, the original seed: a possible bug around the function. */
export function renderSeed(fn: string, file: string): string {
  return `There may be a bug related to \`${fn}\` in \`${file}\`.\nWhen I call \`${fn}()\`, it does not behave as expected. The problem may be in \`${fn}\` itself or in code upstream or downstream of it.`;
}

export function renderChange(t: ChangeType, fn: string, file: string): string {
  return `There appears to be an issue with ${t.category} related to \`${fn}\` in \`${file}\`.\nWhen I call \`${fn}()\`, ${t.symptom}. This may cause ${t.consequence}. The issue may be in \`${fn}\` itself or in functions it calls or that call it.`;
}

/** The rollout-1 instruction for attempt k: a uniformly random template (seed or a change type). */
export function pickInstruction(fn: string, file: string, rand: () => number, types: ChangeType[] = CHANGE_TYPES): { changeType: string; text: string } {
  const i = Math.floor(rand() * (types.length + 1));
  if (i === types.length) return { changeType: 'seed', text: renderSeed(fn, file) };
  return { changeType: types[i].id, text: renderChange(types[i], fn, file) };
}
