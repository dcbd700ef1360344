// Synthetic rows in the published SERA JSONL shape (SERA-PIPELINE-FACTS §7.4) for tests and the
// import benchmark. Content is filler text; the structure (roles, train flags, hermes tool-call
// and tool-response wrappers, instance id pattern) is what matters.
export function makeSeraRow(i: number, turns = 6): Record<string, unknown> {
  const messages: { role: string; content: string; train: boolean }[] = [
    { role: 'system', content: 'You are a helpful assistant that can interact with a computer to solve tasks.\n\n# Tools\n…', train: false },
    { role: 'user', content: `<uploaded_files>\n/testbed\n</uploaded_files>\nConsider the following PR description (#${i}): make QuerySet.filter handle empty lists.`, train: false },
  ];
  for (let t = 0; t < turns; t++) {
    const args = JSON.stringify({ command: `grep -n "def filter" /testbed/django/db/models/query.py # ${t}` }).replace(/":/g, '": ').replace(/,"/g, ', "');
    messages.push({ role: 'assistant', content: `<think>\nStep ${t}: look at the filter implementation.\n</think>\n\n<tool_call>\n{"name": "bash", "arguments": ${args}}\n</tool_call>`, train: true });
    messages.push({ role: 'user', content: `<tool_response>\nOBSERVATION:\n${'1234: def filter(self, *args, **kwargs):\n'.repeat(8)}</tool_response>`, train: false });
  }
  return { messages, instance_id: `django_django_c1a2b_${10000 + i}`, tool_json: [{ type: 'function', function: { name: 'bash' } }] };
}

/** One short SERA row (a PR, one bash call, one observation) as a JSONL line, for import tests. */
export function seraRowLine(id: string, pr: string, opts: { recall?: number; observation?: string; toolJson?: boolean } = {}): string {
  return JSON.stringify({
    instance_id: id,
    messages: [
      { role: 'system', content: 'You are a helpful assistant.', train: false },
      { role: 'user', content: pr, train: false },
      { role: 'assistant', content: '<think>\nlook\n</think>\n\n<tool_call>\n{"name": "bash", "arguments": {"command": "ls"}}\n</tool_call>', train: true },
      { role: 'user', content: `<tool_response>\nOBSERVATION:\n${opts.observation ?? 'setup.py'}\n</tool_response>`, train: false },
    ],
    ...(opts.toolJson ? { tool_json: [{ type: 'function', function: { name: 'bash' } }] } : {}),
    ...(opts.recall !== undefined ? { recall: opts.recall } : {}),
  });
}
