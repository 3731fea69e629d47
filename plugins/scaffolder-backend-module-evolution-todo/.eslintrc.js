module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  // The CLI's build output (scripts/build-cli.mjs), like dist/.
  ignorePatterns: ['dist-cli/**'],
  overrides: [
    {
      // The headless CLI (scripts/evolution-todo) runs only from a workspace
      // checkout and is not part of the published package (dist/ is built from
      // src/index.ts, which does not reach src/cli). It runs the scaffolder's
      // own fetch:template and template engine, from devDependencies.
      files: ['src/cli/**'],
      rules: { '@backstage/no-undeclared-imports': 'off' },
    },
  ],
});
