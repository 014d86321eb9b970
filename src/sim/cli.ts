// `npm run sim -- <experiment> [--nodes N] [--seed S] [--seeds K] [--successors r] [--json]`
// (DESIGN.md §9): a human table on stdout, and with --json the JSON object as the last line.
import { argv, exit, resourceUsage, stderr, stdout } from 'node:process';
import { performance } from 'node:perf_hooks';
import { experiments } from './experiments/registry.ts';
import type { ExperimentOptions } from './overlays/experiment.ts';
import { formatTable } from './overlays/measure.ts';

const usage = `usage: npm run sim -- <experiment> [--nodes N] [--seed S] [--seeds K] [--successors r] [--json]
experiments:
${experiments.map((e) => `  ${e.name.padEnd(13)} ${e.describe}`).join('\n')}`;

function fail(message: string): never {
  stderr.write(`${message}\n${usage}\n`);
  exit(2);
}

const [name, ...rest] = argv.slice(2);
const experiment = experiments.find((e) => e.name === name);
if (!experiment) fail(name ? `unknown experiment: ${name}` : 'no experiment given');

const options: { nodes?: number; seed: number; seeds?: number; successors?: number; json: boolean } = { seed: 1, json: false };
for (let i = 0; i < rest.length; i++) {
  const flag = rest[i];
  if (flag === '--json') {
    options.json = true;
    continue;
  }
  const value = rest[i + 1];
  const number = Number(value);
  if (value === undefined || !Number.isInteger(number) || number < 0) fail(`${flag} needs a non-negative integer`);
  i++;
  if (flag === '--nodes') options.nodes = number;
  else if (flag === '--seed') options.seed = number;
  else if (flag === '--seeds') options.seeds = number;
  else if (flag === '--successors') options.successors = number;
  else fail(`unknown flag: ${flag}`);
}

// Wall time and memory are the CLI's to measure: experiments stay free of Node APIs (the lab runs
// them in a Web Worker).
const runOptions: ExperimentOptions & { memoryMB: () => number; wallMs: () => number } = {
  ...options,
  log: (line: string) => stderr.write(`${line}\n`),
  // Peak resident set size of the process so far (getrusage maxrss, in KiB).
  memoryMB: () => resourceUsage().maxRSS / 1024,
  wallMs: () => performance.now(),
};
const result = experiment.run(runOptions);
const columns = result.rows[0] ? Object.keys(result.rows[0]) : [];
stdout.write(`${result.table ?? formatTable(result.rows, columns)}\n`);
for (const [key, value] of Object.entries(result)) {
  if (key !== 'rows' && key !== 'table' && key !== 'experiment' && (typeof value === 'string' || typeof value === 'number')) stdout.write(`${key}: ${value}\n`);
}
if (options.json) stdout.write(`${JSON.stringify({ ...result, table: undefined })}\n`);
if (result.experiment === 'safety' && (result.rows[0]?.violations ?? 0) !== 0) exit(1);
