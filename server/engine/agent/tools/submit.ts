import { diffWorkingTree } from '@/server/engine/sandbox';
import { SUBMIT_SCHEMA } from './schemas';
import type { AgentTool, ToolContext } from './types';

/**
 * The review message SERA configures (allenai/SERA:sera/configs/sweagent/e2e.yaml,
 * registry_variables.SUBMIT_REVIEW_MESSAGES[0], a YAML `|` block, so it ends in a newline).
 */
export const SERA_SUBMIT_REVIEW_MESSAGE = `Thank you for your work on this issue. Please carefully follow the steps below to help review your changes.

1. If you made any changes to your code after running the reproduction script, please run the reproduction script again.
  If the reproduction script is failing, please revisit your changes and make sure they are correct.
  If you have already removed your reproduction script, please ignore this step.
2. Remove your reproduction script (if you haven't done so already).
3. If you have modified any TEST files, please revert them to the state they had before you started fixing the issue.
  You can do this with \`git checkout -- /path/to/test/file.py\`. Use below <diff> to find the files you need to revert.
4. Run the submit command again to confirm.

Here is a list of all of your changes:

<diff>
{{diff}}
</diff>
`;

export interface SubmitOptions {
  /** Review messages shown on the first submits (review_on_submit_m); [] submits at once. */
  reviewMessages?: string[];
  /** Problem statement for `{{problem_statement}}` in review messages. */
  problemStatement?: string;
  /**
   * Pathspecs left out of the patch. SWE-agent excludes nothing (`git add -A` takes leftover
   * reproduction scripts too; the review message asks the agent to delete them), so the
   * default is none; callers may opt in to dropping e.g. `reproduce*.py`.
   */
  excludePathspecs?: string[];
}

/** `git add -A && git diff --cached`, as review_on_submit_m runs it in $ROOT. */
export function computePatch(ctx: ToolContext, excludePathspecs: string[] = []): Promise<string> {
  return diffWorkingTree(ctx.sandbox, { baseCommit: ctx.baseCommit, excludePathspecs });
}

export function createSubmitTool(opts: SubmitOptions = {}): AgentTool {
  const reviews = opts.reviewMessages ?? [SERA_SUBMIT_REVIEW_MESSAGE];
  return {
    schema: SUBMIT_SCHEMA,
    async run(_args, ctx) {
      const t0 = performance.now();
      const patch = await computePatch(ctx, opts.excludePathspecs);
      if (ctx.state.submitStage < reviews.length) {
        const message = reviews[ctx.state.submitStage].replace('{{diff}}', patch).replace('{{problem_statement}}', opts.problemStatement ?? '');
        ctx.state.submitStage++;
        return { output: message + '\n', exitCode: 0, durationMs: performance.now() - t0 };
      }
      // SWE-agent sees the <<SWE_AGENT_SUBMISSION>> markers, reads model.patch and makes the
      // patch itself the final observation.
      return { output: patch, exitCode: 0, submission: patch, durationMs: performance.now() - t0 };
    },
  };
}
