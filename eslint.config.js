// Lint gates of CONVENTIONS.md: strict TypeScript rules everywhere, and the folder import rules
// that keep the layers of DESIGN.md §1 honest (nothing imports upward; the core does no I/O).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const layers = ['dht', 'wire', 'ports', 'net', 'store', 'runtime', 'notes', 'ui', 'sim'];

/** An import rule for `src/<folder>` that allows only the listed sibling layers and packages. */
function onlyImports(folder, allowedLayers, allowedPackages) {
  const forbiddenLayers = layers.filter((l) => l !== folder && !allowedLayers.includes(l));
  return {
    files: [`src/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: forbiddenLayers.flatMap((l) => [`../${l}/*`, `../../${l}/*`, `../../../${l}/*`]),
              message: `src/${folder} may import only ${allowedLayers.join(', ') || 'itself'} (CONVENTIONS.md, dependency rules).`,
            },
            {
              // Bare package imports: everything not explicitly allowed.
              regex: allowedPackages === '*' ? '^$' : `^(?!\\.|${allowedPackages.map((p) => p.replace('/', '\\/')).join('|')})`,
              message: `src/${folder} may use only these packages: ${allowedPackages}.`,
            },
          ],
        },
      ],
    },
  };
}

const impure = {
  'no-restricted-globals': [
    'error',
    ...['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'queueMicrotask', 'indexedDB',
      'RTCPeerConnection', 'fetch', 'localStorage', 'crypto', 'window', 'document', 'Promise',
      'performance', 'WebSocket', 'BroadcastChannel'].map((name) => ({
      name,
      message: 'The pure core takes time, randomness and I/O through ports (DESIGN.md §1).',
    })),
  ],
  'no-restricted-properties': [
    'error',
    { object: 'Math', property: 'random', message: 'Use the injected Rng port.' },
    { object: 'Date', property: 'now', message: 'Use the `now` the caller passes in.' },
  ],
  'no-restricted-syntax': [
    'error',
    { selector: ':function[async=true]', message: 'Protocol steps are effects, not Promises.' },
    { selector: 'NewExpression[callee.name="Date"]', message: 'Use the `now` the caller passes in.' },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'dev-dist', 'docs', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-assertions': ['error', { assertionStyle: 'as', objectLiteralTypeAssertions: 'never' }],
      'eqeqeq': ['error', 'always'],
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  { files: ['*.js', 'scripts/**'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
  onlyImports('wire', [], ['valibot']),
  onlyImports('ports', ['wire'], []),
  onlyImports('dht', ['wire', 'ports'], []),
  onlyImports('sim', ['dht', 'wire', 'ports'], ['node:']),
  onlyImports('net', ['ports', 'wire'], ['trystero']),
  onlyImports('store', ['ports', 'wire'], ['idb-keyval']),
  onlyImports('runtime', ['dht', 'wire', 'ports', 'net', 'store'], ['trystero', 'idb-keyval']),
  onlyImports('notes', ['runtime', 'ports', 'wire'], ['yjs']),
  onlyImports('ui', ['notes', 'runtime', 'ports', 'wire'], ['lit', '@lit/context', 'yjs', 'uqr']),
  { files: ['src/dht/**/*.ts', 'src/wire/**/*.ts'], rules: impure },
  {
    // Test code may use chai's property assertions and loose typing of fixtures.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
