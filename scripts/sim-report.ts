// `npm run sim:report`: runs the Chord experiments and writes their tables, next to the papers'
// figures, into README.md between the sim-report markers — so the README shows what the command
// printed, never numbers typed by hand. Each table says the command that reproduces it.
import { readFileSync, writeFileSync } from 'node:fs';
import { resourceUsage } from 'node:process';
import { performance } from 'node:perf_hooks';
import { experiments } from '../src/sim/experiments/registry.ts';
import type { ExperimentResult } from '../src/sim/overlays/experiment.ts';
import { formatTable } from '../src/sim/overlays/measure.ts';

// Arguments: experiment names to rerun (none: all), or `name=file` to format a run saved with
// `npm run sim -- name --json > file` (its last line is the result) instead of running it here —
// for long runs made apart, e.g. while another sim:report was busy.
const args = process.argv.slice(2);
const saved = new Map(args.filter((a) => a.includes('=')).map((a) => a.split('=', 2) as [string, string]));
const only = args.map((a) => a.split('=', 1)[0] as string);
const plan: { name: string; args: Record<string, number>; command: string }[] = [
  { name: 'paths', args: {}, command: 'npm run sim -- paths' },
  { name: 'failures', args: {}, command: 'npm run sim -- failures' },
  { name: 'churn', args: {}, command: 'npm run sim -- churn' },
  { name: 'load', args: {}, command: 'npm run sim -- load' },
  { name: 'safety', args: { seeds: 1000 }, command: 'npm run sim -- safety --seeds 1000' },
  { name: 'scale', args: {}, command: 'npm run sim -- scale' },
  { name: 'durability', args: { seeds: 100 }, command: 'npm run sim -- durability --seeds 100' },
  { name: 'merge', args: {}, command: 'npm run sim -- merge' },
  { name: 'tablinks', args: {}, command: 'npm run sim -- tablinks' },
];

const README = 'README.md';
const fresh = new Map<string, string>();
const begin = '<!-- sim-report:begin -->';
const end = '<!-- sim-report:end -->';

for (const step of plan) {
  if (only.length > 0 && !only.includes(step.name)) continue; // its section is kept as the README has it when written
  const experiment = experiments.find((e) => e.name === step.name);
  if (!experiment) throw new Error(`no experiment ${step.name}`);
  const started = performance.now();
  const file = saved.get(step.name);
  const result: ExperimentResult = file
    ? (JSON.parse(readFileSync(file, 'utf8').trim().split('\n').at(-1) ?? '{}') as ExperimentResult)
    : experiment.run({
        seed: 1,
        json: true,
        log: (line) => process.stderr.write(`${line}\n`),
        ...step.args,
        ...{ memoryMB: () => resourceUsage().maxRSS / 1024, wallMs: () => performance.now() },
      });
  const seconds = file ? 'run apart' : `${((performance.now() - started) / 1000).toFixed(0)} s on this machine`;
  const notes = Object.entries(result)
    .filter(([k, v]) => !['rows', 'table', 'experiment', 'failures'].includes(k) && (typeof v === 'string' || typeof v === 'number'))
    .map(([k, v]) => `- ${k}: ${String(v)}`);
  const table = result.table ?? formatTable(result.rows, Object.keys(result.rows[0] ?? {}));
  fresh.set(
    step.name,
    [`<!-- ${step.name}:begin -->`, `#### ${step.name} — \`${step.command}\` (seed 1, ${seconds})`, '', '```', table, '```', ...notes, `<!-- ${step.name}:end -->`].join('\n'),
  );
  process.stderr.write(`${step.name} done (${seconds})\n`);
}

// Read now, not at the start: the README may have been edited, or another sim:report may have
// written other sections, while the experiments ran. Sections not rerun stay as they are.
const current = readFileSync(README, 'utf8');
const at = current.indexOf(begin);
const stop = current.indexOf(end);
if (at < 0 || stop < 0) throw new Error(`README.md needs the ${begin} … ${end} markers`);
const sections = plan
  .map((step) => fresh.get(step.name) ?? new RegExp(`<!-- ${step.name}:begin -->[\\s\\S]*?<!-- ${step.name}:end -->`).exec(current)?.[0])
  .filter((section): section is string => section !== undefined);
writeFileSync(README, `${current.slice(0, at + begin.length)}\n${sections.join('\n\n')}\n${current.slice(stop)}`);
