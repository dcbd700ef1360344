import { parseArgs } from 'node:util';
import { UsageError, type CliCommand } from '../command';

const USAGE = `Usage: specialist scripted-teacher [--port N] [--host 127.0.0.1] [--model NAME]
                                   [--reasoning field|think-tags|none] [--judge yes|no] [--api-key KEY]

Serves the scripted teacher, a FAKE OpenAI-compatible LLM (GET /v1/models, POST /v1/chat/completions
with native tool calls) that follows a fixed plan: view the file named in the task, add a guard
clause to the named function, check it with python, submit. For tests, demos and the wizard's
"check teacher" step. Runs until interrupted (Ctrl-C / SIGTERM).
  --port       port to listen on (default 0: pick a free one)
  --host       address to bind (default 127.0.0.1)
  --model      served model name (default scripted-teacher)
  --reasoning  how thinking is returned (default think-tags)
  --judge      answer to the self-check question (default yes)
  --api-key    require this bearer token`;

export const command: CliCommand = {
  summary: 'Serve the scripted teacher (a fake OpenAI-compatible LLM for tests and demos)',
  usage: USAGE,
  async run(argv, io) {
    let values;
    try {
      ({ values } = parseArgs({
        args: argv,
        options: {
          port: { type: 'string', default: '0' },
          host: { type: 'string', default: '127.0.0.1' },
          model: { type: 'string', default: 'scripted-teacher' },
          reasoning: { type: 'string', default: 'think-tags' },
          judge: { type: 'string', default: 'yes' },
          'api-key': { type: 'string' },
        },
        strict: true,
        allowPositionals: false,
      }));
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be an integer 0-65535, got "${values.port}"`);
    if (!['field', 'think-tags', 'none'].includes(values.reasoning!)) throw new UsageError(`--reasoning must be field, think-tags or none`);
    if (!['yes', 'no'].includes(values.judge!)) throw new UsageError(`--judge must be yes or no`);
    const { startScriptedTeacher } = await import('../../engine/agent/scripted-teacher');
    const teacher = await startScriptedTeacher({
      port,
      host: values.host,
      model: values.model,
      reasoning: values.reasoning as 'field' | 'think-tags' | 'none',
      judgeVerdict: values.judge as 'yes' | 'no',
      apiKey: values['api-key'],
    });
    io.out(`scripted-teacher (fake LLM) listening on ${teacher.url} model=${teacher.model}`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await teacher.close();
    return 0;
  },
};
