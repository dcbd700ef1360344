// The worker-thread token counter gives exactly the in-process counts (real Qwen3 tokenizer in
// a real worker thread), for concurrent calls too, and keeps the calling thread free meanwhile.
import { describe, expect, it } from 'vitest';
import { chatMlText, messageTokens } from '../engine/dataset';
import { countTokensOffThread } from './token-worker';

const messages = [
  { role: 'system', content: 'You are a helpful assistant.' },
  { role: 'user', content: 'Fix the parser — ünïcödé, emoji 😀 and 中文 included.' },
  { role: 'assistant', content: '<think>\nlook\n</think>\n\n<tool_call>\n{"name": "bash", "arguments": {"command": "ls"}}\n</tool_call>' },
  { role: 'user', content: `<tool_response>\nOBSERVATION:\n${'def f(x):\n    return x\n'.repeat(2_000)}</tool_response>` },
];

describe('countTokensOffThread (worker thread, real tokenizer)', () => {
  it('counts like messageTokens, for concurrent calls, while this thread keeps running', async () => {
    const expected = messages.map(messageTokens);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const [a, b] = await Promise.all([countTokensOffThread(messages.map(chatMlText)), countTokensOffThread([...messages].reverse().map(chatMlText))]);
    clearInterval(timer);
    expect(a).toEqual(expected);
    expect(b).toEqual([...expected].reverse());
    expect(ticks).toBeGreaterThan(5); // the event loop was not blocked while the worker counted
    expect(await countTokensOffThread([])).toEqual([]);
  });
});
