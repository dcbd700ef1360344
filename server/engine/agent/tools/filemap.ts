import path from 'node:path';
import { Language, Parser, Query } from 'web-tree-sitter';
import { packageDir } from '../../package-dir';

// Port of SWE-agent's `Filemap.show_filemap` (tools/edit_anthropic/bin/str_replace_editor): a
// `.py` file too long to show is printed with every function body of 5+ lines replaced by
// "... eliding lines A-B ...", each kept line as "{:6d} {line}" (a space, not a tab).

let ready: Promise<{ parser: Parser; query: Query }> | null = null;

function load() {
  ready ??= (async () => {
    await Parser.init();
    const lang = await Language.load(path.join(packageDir('tree-sitter-python'), 'tree-sitter-python.wasm'));
    const parser = new Parser();
    parser.setLanguage(lang);
    return { parser, query: new Query(lang, '(function_definition body: (_) @body)') };
  })();
  return ready;
}

export async function showFilemap(fileContents: string): Promise<string> {
  const { parser, query } = await load();
  const tree = parser.parse(fileContents);
  if (!tree) throw new Error('parse failed');
  try {
    const ranges = query
      .captures(tree.rootNode)
      .map((c) => [c.node.startPosition.row, c.node.endPosition.row] as const)
      .filter(([s, e]) => e - s >= 5);
    const elide = new Set<number>();
    for (const [s, e] of ranges) for (let i = s; i <= e; i++) elide.add(i);
    // Python sorts (index, text) tuples: by line index, then by text.
    const entries: [number, string][] = ranges.map(([s, e]) => [s, `... eliding lines ${s + 1}-${e + 1} ...`]);
    fileContents.split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/).forEach((line, i, all) => {
      if (i === all.length - 1 && line === '') return; // splitlines drops the final empty piece
      if (!elide.has(i)) entries.push([i, line]);
    });
    entries.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    return entries.map(([i, line]) => `${String(i + 1).padStart(6)} ${line}`).join('\n');
  } finally {
    tree.delete();
  }
}
