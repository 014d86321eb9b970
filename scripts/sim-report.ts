// `npm run sim:report`: runs the Chord experiments and writes their tables, next to the papers'
// figures, into README.md between the sim-report markers — so the README shows what the command
// printed, never numbers typed by hand. Each table says the command that reproduces it.
import { readFileSync, writeFileSync } from 'node:fs';
import { resourceUsage } from 'node:process';
import { performance } from 'node:perf_hooks';
import { experiments } from '../src/sim/experiments/registry.ts';
import { formatTable } from '../src/sim/overlays/measure.ts';

const only = process.argv.slice(2);
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
const sections: string[] = [];
const previous = readFileSync(README, 'utf8');
const begin = '<!-- sim-report:begin -->';
const end = '<!-- sim-report:end -->';

for (const step of plan) {
  if (only.length > 0 && !only.includes(step.name)) {
    // Keep the section the last full run wrote.
    const old = new RegExp(`<!-- ${step.name}:begin -->[\\s\\S]*?<!-- ${step.name}:end -->`).exec(previous);
    if (old) sections.push(old[0]);
    continue;
  }
  const experiment = experiments.find((e) => e.name === step.name);
  if (!experiment) throw new Error(`no experiment ${step.name}`);
  const started = performance.now();
  const result = experiment.run({
    seed: 1,
    json: true,
    log: (line) => process.stderr.write(`${line}\n`),
    ...step.args,
    ...{ memoryMB: () => resourceUsage().maxRSS / 1024, wallMs: () => performance.now() },
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  const notes = Object.entries(result)
    .filter(([k, v]) => !['rows', 'table', 'experiment', 'failures'].includes(k) && (typeof v === 'string' || typeof v === 'number'))
    .map(([k, v]) => `- ${k}: ${String(v)}`);
  const table = result.table ?? formatTable(result.rows, Object.keys(result.rows[0] ?? {}));
  sections.push(
    [`<!-- ${step.name}:begin -->`, `#### ${step.name} — \`${step.command}\` (seed 1, ${seconds} s on this machine)`, '', '```', table, '```', ...notes, `<!-- ${step.name}:end -->`].join('\n'),
  );
  process.stderr.write(`${step.name} done in ${seconds} s\n`);
}

// Read again: the README may have been edited while the experiments ran.
const current = readFileSync(README, 'utf8');
const at = current.indexOf(begin);
const stop = current.indexOf(end);
if (at < 0 || stop < 0) throw new Error(`README.md needs the ${begin} … ${end} markers`);
writeFileSync(README, `${current.slice(0, at + begin.length)}\n${sections.join('\n\n')}\n${current.slice(stop)}`);
