// `npm test`: every gate and every test, in the order that fails fastest, then one plain line
// `N passed, N failed` (ENVIRONMENT.md: CI reads that line). Each step streams its own output.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, readdirSync } from 'node:fs';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

interface Step {
  name: string;
  command: string[];
  /** Reads the step's test counts from its output; undefined for gates that only pass or fail. */
  counts?: (output: string) => Counts;
  /** Skip when no file matches (an empty e2e folder must not make mocha fail). */
  when?: () => boolean;
}

// eslint-disable-next-line no-control-regex -- ANSI colour codes start with the ESC control character.
const stripAnsi = (s: string): string => s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');

function mochaCounts(output: string): Counts {
  const text = stripAnsi(output);
  const n = (re: RegExp): number => Number(re.exec(text)?.[1] ?? 0);
  return { passed: n(/(\d+) passing/), failed: n(/(\d+) failing/), skipped: n(/(\d+) pending/) };
}

function safetyCounts(output: string): Counts {
  const last = output.trim().split('\n').at(-1) ?? '';
  try {
    const result = JSON.parse(last) as { rows: { seeds: number; violations: number }[] };
    const row = result.rows[0];
    if (row) return { passed: row.seeds - row.violations, failed: row.violations, skipped: 0 };
  } catch {
    // fall through: no JSON means the run crashed
  }
  return { passed: 0, failed: 1, skipped: 0 };
}

const wtrCountsFile = '.wtr-counts.json';
function wtrCounts(): Counts {
  if (!existsSync(wtrCountsFile)) return { passed: 0, failed: 1, skipped: 0 };
  return JSON.parse(readFileSync(wtrCountsFile, 'utf8')) as Counts;
}

function hasFiles(dir: string, suffix: string): boolean {
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).some((f) => f.endsWith(suffix));
}

const steps: Step[] = [
  { name: 'typecheck', command: ['npx', 'tsc', '--noEmit', '-p', 'tsconfig.json'] },
  { name: 'typecheck sw', command: ['npx', 'tsc', '--noEmit', '-p', 'sw/tsconfig.json'], when: () => hasFiles('sw', '.ts') },
  { name: 'lint', command: ['npx', 'eslint', '--max-warnings', '0', '.'] },
  { name: 'no circular imports', command: ['npx', 'madge', '--circular', '--extensions', 'ts', '--ts-config', 'tsconfig.json', 'src', 'scripts'] },
  { name: 'unit (Node)', command: ['npx', 'mocha', '--config', '.mocharc.json'], counts: mochaCounts },
  {
    // DESIGN §9 safety: 1,000 random join / crash / partition schedules; each seed is one case.
    name: 'simulation: safety over 1000 seeds',
    command: ['npx', 'tsx', 'src/sim/cli.ts', 'safety', '--seeds', '1000', '--json'],
    counts: safetyCounts,
  },
  {
    name: 'unit + browser (Chromium, web-test-runner)',
    command: ['npx', 'web-test-runner', '--config', 'web-test-runner.config.js'],
    counts: () => wtrCounts(),
  },
  {
    name: 'end-to-end (Playwright, Chromium)',
    command: ['npx', 'mocha', '--config', '.mocharc.e2e.json'],
    counts: mochaCounts,
    when: () => hasFiles('test/e2e', '.e2e.ts'),
  },
];

function run(step: Step): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const [cmd, ...args] = step.command;
    const child = spawn(cmd ?? 'true', args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      process.stdout.write(d);
    });
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString();
      process.stderr.write(d);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const total: Counts = { passed: 0, failed: 0, skipped: 0 };
const summary: string[] = [];
const only = process.argv.slice(2);
rmSync(wtrCountsFile, { force: true });

for (const step of steps) {
  if (only.length > 0 && !only.some((o) => step.name.startsWith(o))) continue;
  if (step.when && !step.when()) {
    summary.push(`- ${step.name}: skipped (nothing to run)`);
    continue;
  }
  console.log(`\n=== ${step.name}: ${step.command.join(' ')}`);
  const started = Date.now();
  const { code, output } = await run(step);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (step.counts) {
    const c = step.counts(output);
    // A runner that exits non-zero without a counted failure (crash, load error) still fails.
    if (code !== 0 && c.failed === 0) c.failed = 1;
    total.passed += c.passed;
    total.failed += c.failed;
    total.skipped += c.skipped;
    summary.push(`- ${step.name}: ${c.passed} passed, ${c.failed} failed (${seconds} s)`);
  } else {
    if (code !== 0) total.failed++;
    summary.push(`- ${step.name}: ${code === 0 ? 'ok' : 'FAILED'} (${seconds} s)`);
  }
}

console.log(`\n${summary.join('\n')}`);
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(total.failed > 0 ? 1 : 0);
