// The local relay in a process of its own (`npm run relay`), for `bench:mesh --relay-process`: in
// the harness's process it shares one Node event loop with Playwright's driver, which is busy
// exactly while the tabs start (docs/mesh.md: relay messages 10–33 s late at 32 tabs).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface RelayProcess {
  url: string;
  /** CPU seconds the relay's process has used so far (Linux /proc; NaN elsewhere). */
  cpuSeconds(): number;
  close(): Promise<void>;
}

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ, 100 on Linux). */
const USER_HZ = 100;

export function startRelayProcess(): Promise<RelayProcess> {
  const script = fileURLToPath(new URL('./relay.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const cpuSeconds = (): number => {
    try {
      // Fields after the command name "(…)": utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / USER_HZ;
    } catch {
      return Number.NaN;
    }
  };
  const close = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`the relay process exited (${String(code)}) before it listened`)));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /relay: (ws:\/\/\S+)/.exec(out)?.[1];
      if (url) {
        child.removeAllListeners('exit');
        resolve({ url, cpuSeconds, close });
      }
    });
  });
}
