// ESLint: Next's own rules (core web vitals, React, hooks, a11y, imports) and typescript-eslint's recommended set.
import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // `const { id: _id, ...fields } = note` is how a field is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['warn', { ignoreRestSiblings: true }],
    },
  },
  {
    // CommonJS (next.config.js, the -r preloads of the browser tests): require() is how they import.
    files: ['**/*.cjs', 'next.config.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests render no React: useFakeDeepL() and the like are Vitest fixtures, not hooks.
    files: ['tests/**'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  // Generated or downloaded output, not source.
  globalIgnores(['.next/**', 'out/**', 'build/**', 'next-env.d.ts', 'lib/generated/**', 'coverage/**', 'tmp/**', 'public/bench/**']),
]);
