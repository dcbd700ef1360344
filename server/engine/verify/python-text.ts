// Python's str.splitlines() and str.strip() whitespace, which SERA's recall relies on
// (SERA-PIPELINE-FACTS §6.3): JavaScript's split('\n') and trim() differ from both.
const LINE_BREAKS = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;

export function splitlines(text: string): string[] {
  const parts = text.split(LINE_BREAKS);
  if (parts.length && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

// Python's str.isspace(): ASCII whitespace incl. \x1c–\x1f, plus Unicode spaces; not \uFEFF.
const PY_SPACE = /^[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;

export function isBlankPython(text: string): boolean {
  return PY_SPACE.test(text);
}
