// A training row as the trainer sees it: each message wrapped in ChatML and tokenised with the
// Qwen3 tokenizer (as SERA's filter counts it, SERA-PIPELINE-FACTS §8.1), split into spans that
// say which tokens carry loss. Axolotl with `roles_to_train: [assistant]`,
// `message_field_training: train` and `train_on_eos: turn` trains the content of assistant turns
// flagged train=true plus their closing <|im_end|>; role headers and everything else is context.
import { tokenPieces, truncation, type TokenPiece } from './tokens';
import type { TrainingMessage } from './training-row';

export type SpanPart = 'header' | 'content' | 'end';

export interface TokenSpan {
  message: number;
  role: string;
  part: SpanPart;
  text: string;
  tokens: number;
  trained: boolean;
  /** Beyond the truncation cut: the trainer never sees these tokens. */
  cut: boolean;
  /** Token boundaries (only for the requested page of messages). */
  pieces?: TokenPiece[];
}

export interface RowTokenSummary {
  messages: number;
  tokens: number;
  trainedTokens: number;
  perMessage: { role: string; tokens: number; trainedTokens: number }[];
  truncation: {
    limit: number;
    /** Messages kept; equal to `messages` when the row fits. */
    keptMessages: number;
    ratio: number;
    usable: boolean;
    /** Index of the first message the cut removes (null: nothing is cut). */
    cutAt: number | null;
    keptTokens: number;
    keptTrainedTokens: number;
  };
}

type Msg = Pick<TrainingMessage, 'role' | 'content' | 'train'>;

function messageParts(m: Msg, index: number, cut: boolean): TokenSpan[] {
  const header = `<|im_start|>${m.role}\n`;
  const end = '<|im_end|>\n';
  const pieces = tokenPieces(header + m.content + end);
  const bounds = [header.length, header.length + m.content.length];
  const trainedTurn = m.role === 'assistant' && m.train;
  const spans: TokenSpan[] = (['header', 'content', 'end'] as const).map((part) => ({ message: index, role: m.role, part, text: '', tokens: 0, trained: false, cut, pieces: [] }));
  let pos = 0;
  for (const p of pieces) {
    // a token belongs to the part it starts in; its text is split at part boundaries for display
    const start = pos;
    pos += p.text.length;
    const at = start < bounds[0] ? 0 : start < bounds[1] ? 1 : 2;
    spans[at].tokens += p.tokens;
    let rest = p.text;
    let off = start;
    for (let k = at; k < 3 && rest; k++) {
      const limit = k < 2 ? bounds[k] : Infinity;
      const take = rest.slice(0, Math.max(0, limit - off));
      if (take) {
        spans[k].pieces!.push({ text: take, tokens: k === at ? p.tokens : 0 });
        spans[k].text += take;
      }
      rest = rest.slice(take.length);
      off += take.length;
    }
  }
  // The closing "\n" after <|im_end|> is not part of the trained turn.
  if (trainedTurn) {
    spans[1].trained = true;
    const endSpan = spans[2];
    const imEnd = endSpan.pieces!.find((p) => p.text.includes('<|im_end|>'));
    if (imEnd) {
      const rest = endSpan.pieces!.filter((p) => p !== imEnd);
      spans.splice(2, 1, { ...endSpan, text: imEnd.text, tokens: imEnd.tokens, trained: true, pieces: [imEnd] }, { ...endSpan, text: rest.map((p) => p.text).join(''), tokens: endSpan.tokens - imEnd.tokens, pieces: rest });
    }
  }
  return spans.filter((s) => s.text);
}

/**
 * Spans for messages [from, to) (with token pieces) plus a summary over the whole row: token
 * counts trained/total and where the truncation at `limit` cuts.
 */
export function rowTokenSpans(messages: Msg[], opts: { limit?: number; from?: number; to?: number } = {}): { spans: TokenSpan[]; summary: RowTokenSummary } {
  const limit = opts.limit ?? 32_768;
  const from = Math.max(0, opts.from ?? 0);
  const to = Math.min(messages.length, opts.to ?? messages.length);
  const perMessage = messages.map((m, i) => {
    const parts = messageParts(m, i, false);
    return { parts, role: m.role, tokens: parts.reduce((n, s) => n + s.tokens, 0), trainedTokens: parts.reduce((n, s) => n + (s.trained ? s.tokens : 0), 0) };
  });
  const t = truncation(messages, limit, perMessage.map((p) => p.tokens));
  const cutAt = t.kept < messages.length ? t.kept : null;
  const kept = perMessage.slice(0, t.kept);
  const spans: TokenSpan[] = [];
  for (let i = from; i < to; i++) for (const s of perMessage[i].parts) spans.push({ ...s, cut: cutAt !== null && i >= cutAt });
  return {
    spans,
    summary: {
      messages: messages.length,
      tokens: perMessage.reduce((n, p) => n + p.tokens, 0),
      trainedTokens: perMessage.reduce((n, p) => n + p.trainedTokens, 0),
      perMessage: perMessage.map(({ role, tokens, trainedTokens }) => ({ role, tokens, trainedTokens })),
      truncation: {
        limit,
        keptMessages: t.kept,
        ratio: t.ratio,
        usable: t.usable,
        cutAt,
        keptTokens: kept.reduce((n, p) => n + p.tokens, 0),
        keptTrainedTokens: kept.reduce((n, p) => n + p.trainedTokens, 0),
      },
    },
  };
}
