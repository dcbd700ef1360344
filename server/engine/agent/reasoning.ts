/**
 * Splits `<think>…</think>` blocks out of assistant text. Servers without a reasoning
 * parser (SERA serves GLM that way) leave the thinking inside `content`; the visible text
 * is what remains. An unclosed `<think>` (generation cut off) counts as all reasoning.
 */
export function splitThink(content: string | null | undefined): { text: string | null; reasoning: string | null } {
  if (content == null) return { text: null, reasoning: null };
  if (!content.includes('<think>') && !content.includes('</think>')) return { text: content, reasoning: null };
  const parts: string[] = [];
  let rest = content;
  // Some chat templates put the opening tag in the prompt, so the reply starts mid-thought.
  const firstOpen = rest.indexOf('<think>');
  const firstClose = rest.indexOf('</think>');
  if (firstClose !== -1 && (firstOpen === -1 || firstClose < firstOpen)) {
    parts.push(rest.slice(0, firstClose));
    rest = rest.slice(firstClose + '</think>'.length);
  }
  let text = '';
  for (;;) {
    const open = rest.indexOf('<think>');
    if (open === -1) {
      text += rest;
      break;
    }
    text += rest.slice(0, open);
    const close = rest.indexOf('</think>', open);
    if (close === -1) {
      parts.push(rest.slice(open + '<think>'.length));
      break;
    }
    parts.push(rest.slice(open + '<think>'.length, close));
    rest = rest.slice(close + '</think>'.length);
  }
  return { text: text.trim(), reasoning: parts.map((p) => p.trim()).join('\n\n') };
}
