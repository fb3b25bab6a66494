/** The GitHub Action's entry point (bundled into action/dist/index.js; action.yml runs it on node24). */
import { runAction } from './review.js';
import { processRunner } from './runner.js';

const runner = processRunner(process.env, (text) => process.stdout.write(text));
try {
  process.exitCode = await runAction(process.env, runner);
} catch (err) {
  // A bug, not a refusal: one line with the stack for the report, and the job fails.
  runner.command('error', `spof-review failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
}
