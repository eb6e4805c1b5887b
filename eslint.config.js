import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const electronOnly = {
  name: 'electron',
  message: "Only main/electron and preload may import 'electron': services stay plain Node.",
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'release/', '.cache/', 'coverage/', 'test-results/', 'playwright-report/'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [electronOnly] }],
    },
  },
  {
    files: ['main/electron/**', 'preload/**', 'e2e/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['main/contract/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electronOnly], patterns: [{ group: ['../*', '!./*'], message: 'The contract imports nothing but itself and zod.' }] },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnly],
          patterns: [
            {
              regex: '^(\\.\\./)+main/(?!contract(/|$))',
              message: 'The renderer may import only main/contract from main.',
            },
          ],
        },
      ],
    },
  },
);
