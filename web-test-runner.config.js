// Runs the pure tests (test/unit) and the browser-only tests (test/browser) in real Chromium.
// Chromium flags from shared/ENVIRONMENT.md: keep everything on loopback, no background traffic.
import { writeFileSync } from 'node:fs';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';

export const chromiumArgs = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
];

/** Writes `{passed, failed, skipped}` for scripts/test.ts, which prints the one total line. */
function countsReporter(file) {
  const count = (suite, acc) => {
    for (const t of suite?.tests ?? []) {
      if (t.skipped) acc.skipped++;
      else if (t.passed) acc.passed++;
      else acc.failed++;
    }
    for (const s of suite?.suites ?? []) count(s, acc);
    return acc;
  };
  return {
    onTestRunFinished({ sessions }) {
      const acc = { passed: 0, failed: 0, skipped: 0 };
      for (const s of sessions) {
        count(s.testResults, acc);
        // A file that failed to load has no test results but must not pass silently.
        if (!s.passed && (s.errors?.length ?? 0) > 0) acc.failed++;
      }
      writeFileSync(file, JSON.stringify(acc));
    },
  };
}

const groups = (process.env.WTR_FILES ?? 'test/unit/**/*.test.ts,test/browser/**/*.test.ts').split(',');

export default {
  files: groups,
  nodeResolve: true,
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 15 * 60 * 1000,
  testFramework: { config: { timeout: 120000 } },
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: chromiumArgs,
      },
    }),
  ],
  reporters: [defaultReporter(), countsReporter(process.env.WTR_COUNTS_FILE ?? '.wtr-counts.json')],
};
