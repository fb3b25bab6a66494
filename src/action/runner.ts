/**
 * The GitHub Actions runner's side of the contract: inputs from `INPUT_<NAME>` variables, outputs
 * and the job summary appended to the files the runner names, messages as workflow commands.
 * https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */
import { randomUUID } from 'node:crypto';
import { appendFile } from 'node:fs/promises';

export type Env = Readonly<Record<string, string | undefined>>;

/** The runner passes `with:` values as `INPUT_<NAME>`: upper case, spaces as `_`, hyphens kept. */
export function input(env: Env, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** `name=value` lines; a multi-line value as a heredoc whose delimiter cannot occur in it. */
export function outputLines(outputs: Readonly<Record<string, string>>): string {
  let out = '';
  for (const [name, value] of Object.entries(outputs)) {
    if (!/[\r\n]/.test(value)) {
      out += `${name}=${value}\n`;
      continue;
    }
    let delimiter = `ghadelimiter_${randomUUID()}`;
    while (value.includes(delimiter)) delimiter = `ghadelimiter_${randomUUID()}`;
    out += `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
  }
  return out;
}

export interface Runner {
  /** A line of the job's log. */
  log(line: string): void;
  /** A workflow command (`::warning file=a.tf,line=3::text`): an annotation of the job. */
  command(kind: 'error' | 'warning' | 'notice', message: string, props?: Readonly<Record<string, string | number>>): void;
  setOutputs(outputs: Readonly<Record<string, string>>): Promise<void>;
  appendSummary(markdown: string): Promise<void>;
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function workflowCommand(kind: string, message: string, props: Readonly<Record<string, string | number>> = {}): string {
  const p = Object.entries(props)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${kind}${p ? ` ${p}` : ''}::${escapeData(message)}`;
}

/** The runner of this process: stdout for the log, the files `GITHUB_OUTPUT` and `GITHUB_STEP_SUMMARY` name. */
export function processRunner(env: Env, write: (text: string) => void): Runner {
  return {
    log: (line) => write(`${line}\n`),
    command: (kind, message, props) => write(`${workflowCommand(kind, message, props)}\n`),
    async setOutputs(outputs) {
      if (env.GITHUB_OUTPUT) await appendFile(env.GITHUB_OUTPUT, outputLines(outputs));
      else write(`outputs (GITHUB_OUTPUT is not set): ${JSON.stringify(outputs)}\n`);
    },
    async appendSummary(markdown) {
      if (env.GITHUB_STEP_SUMMARY) await appendFile(env.GITHUB_STEP_SUMMARY, markdown.endsWith('\n') ? markdown : `${markdown}\n`);
    },
  };
}
