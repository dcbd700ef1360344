import { describe, it, expect } from 'vitest';
import { makeOutput } from '../tools';
import { decide, findTarget, planGuard } from './strategy';

// The scripted teacher is a FAKE LLM; these tests pin its deterministic plan.

const SHAPES = `class Rectangle:
    def __init__(self, width, height):
        self.width = width

    def scale(self, factor: float = 1) -> "Rectangle":
        """Scale both sides.

        Returns a new rectangle."""
        return Rectangle(self.width * factor)


def helper(values):
    '''One-line doc.'''
    return values


def area(
    w,
    h,
):
    return w * h
`;
const view = makeOutput(SHAPES, '/testbed/pkg/shapes.py');

describe('scripted teacher strategy (fake LLM)', () => {
  it('finds the function and file inside the PR description', () => {
    const task = 'see `python <filename.py>`\n<pr_description>\nPossible bug related to Rectangle.scale in pkg/shapes.py\nWhen I call Rectangle.scale() it breaks\n</pr_description>';
    expect(findTarget(task)).toEqual({ fn: 'Rectangle.scale', file: 'pkg/shapes.py' });
    expect(findTarget('nothing here')).toBeNull();
  });

  it('plans the guard after the signature and docstring, on the first real parameter', () => {
    expect(planGuard(view, 'Rectangle.scale')).toEqual({ insertLine: 8, param: 'factor', newStr: '        if factor is None:\n            raise ValueError("factor must not be None")' });
    expect(planGuard(view, 'helper')).toEqual({ insertLine: 13, param: 'values', newStr: '    if values is None:\n        raise ValueError("values must not be None")' });
    expect(planGuard(view, 'area')?.insertLine).toBe(20);
    expect(planGuard(view, 'area')?.param).toBe('w');
    expect(planGuard(view, 'missing')).toBeNull();
  });

  it('answers the probe request with a bash tool call', () => {
    const r = decide({ messages: [{ role: 'user', content: 'Use the bash tool to run `echo ok`. Do not answer in text.' }], tools: [{ function: { name: 'bash' } }] }, { reasoning: 'field', judgeVerdict: 'yes' });
    expect(r.tool_calls?.[0].function).toEqual({ name: 'bash', arguments: '{"command":"echo ok"}' });
    expect(r.reasoning_content).toContain('echo ok');
    const again = decide({ messages: [{ role: 'user', content: 'Use the bash tool to run `echo ok`. Do not answer in text.' }], tools: [{ function: { name: 'bash' } }] }, { reasoning: 'field', judgeVerdict: 'yes' });
    expect(again).toEqual(r);
  });

  it('judges with the configured verdict and writes a PR that names the function and file', () => {
    const judge = decide({ messages: [{ role: 'user', content: 'Is it valid? Answer yes or no in <output></output>.' }] }, { reasoning: 'none', judgeVerdict: 'no' });
    expect(judge.content).toBe('<output>no</output>');
    const pr = decide(
      { messages: [{ role: 'user', content: "<fix_steps>[{\"response\": \"I'll add a guard to `Rectangle.scale()` in `pkg/shapes.py`.\"}]</fix_steps>\n<demonstration_issue>x</demonstration_issue>" }] },
      { reasoning: 'think-tags', judgeVerdict: 'yes' },
    );
    const body = /<output>\n([\s\S]*)\n<\/output>/.exec(pr.content ?? '')?.[1] ?? '';
    expect(pr.content).toMatch(/^<think>\n/);
    expect(findTarget(body)).toEqual({ fn: 'Rectangle.scale', file: 'pkg/shapes.py' });
  });
});
