module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  overrides: [
    {
      // src/testUtils is exported as `…/testUtils` for other packages' tests and
      // the benches; the module itself (src/index.ts) never reaches it, so it
      // may use the devDependencies the module's own tests use.
      files: ['src/testUtils/**'],
      rules: { '@backstage/no-undeclared-imports': 'off' },
    },
    {
      // Shared checks are named expect… (expectParity, expectSettingsOnPods), and
      // property tests assert through fast-check.
      files: ['src/**/*.test.ts'],
      rules: {
        'jest/expect-expect': [
          'warn',
          { assertFunctionNames: ['expect', 'expect*', 'fc.assert'] },
        ],
      },
    },
  ],
});
