// Small re-implementations of the Python string/path behaviour SWE-agent's tools rely on,
// so our observations come out the same as the Python tool's.

/** Python str.expandtabs(8): column-aware, resets at \n and \r. */
export function expandTabs(s: string, tabsize = 8): string {
  if (!s.includes('\t')) return s;
  let out = '';
  let col = 0;
  for (const ch of s) {
    if (ch === '\t') {
      const n = tabsize - (col % tabsize);
      out += ' '.repeat(n);
      col += n;
    } else {
      out += ch;
      col = ch === '\n' || ch === '\r' ? 0 : col + 1;
    }
  }
  return out;
}

/** Python str.count(sub): non-overlapping occurrences. */
export function countOccurrences(haystack: string, needle: string): number {
  if (needle === '') return haystack.length + 1;
  let n = 0;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** len(s.splitlines()) with Python's line boundaries. */
export function splitlinesCount(s: string): number {
  if (s === '') return 0;
  const parts = s.split(/\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/);
  return parts[parts.length - 1] === '' ? parts.length - 1 : parts.length;
}

/** Python's repr of a list of ints, e.g. [3, 7]. */
export function pyList(xs: readonly unknown[]): string {
  return '[' + xs.map(String).join(', ') + ']';
}

/** str(pathlib.PurePosixPath(p)): collapses // and /./, drops a trailing slash, keeps `..`. */
export function pyPath(p: string): string {
  if (p === '') return '.';
  const abs = p.startsWith('/');
  const parts = p.split('/').filter((x) => x !== '' && x !== '.');
  const body = parts.join('/');
  // POSIX keeps exactly two leading slashes; nobody sends that, so it is not modelled.
  return abs ? '/' + body : body || '.';
}

export function pyParent(p: string): string {
  const i = p.lastIndexOf('/');
  if (i <= 0) return p.startsWith('/') ? '/' : '.';
  return p.slice(0, i);
}

export function pySuffix(p: string): string {
  const name = p.slice(p.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1 ? name.slice(dot) : '';
}
