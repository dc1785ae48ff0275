// One rule, the boundary: only the IPC module talks to Tauri. Components call
// the typed commands of $lib/ipc (generated from the core's list of commands).
import tseslint from 'typescript-eslint';
import svelteParser from 'svelte-eslint-parser';

export default [
  { ignores: ['dist/**', 'node_modules/**'] },
  { files: ['src/**/*.ts'], languageOptions: { parser: tseslint.parser } },
  {
    files: ['src/**/*.svelte'],
    languageOptions: { parser: svelteParser, parserOptions: { parser: tseslint.parser } },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.svelte'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@tauri-apps/*'],
              message: 'Alleen src/lib/ipc.ts praat met Tauri: importeer de opdrachten uit $lib/ipc.',
            },
          ],
        },
      ],
    },
  },
  // The one IPC module and the commands generated into it.
  { files: ['src/lib/ipc.ts', 'src/lib/bindings/commands.ts'], rules: { 'no-restricted-imports': 'off' } },
];
