// Child process for crash tests: runs one trajectory import job exactly as the worker's
// `trajectories.import` handler does (DATABASE_URL and SPECIALIST_DATA_DIR from the environment).
import { runImportWithDefaults } from '../services/trajectory-import-job';

const jobId = process.argv[2];
if (!jobId) throw new Error('usage: run-import-child <jobId>');
runImportWithDefaults(jobId).then(
  (s) => {
    process.stdout.write(JSON.stringify(s) + '\n');
    process.exit(0);
  },
  (e) => {
    process.stderr.write(String(e?.stack ?? e) + '\n');
    process.exit(1);
  },
);
