module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  overrides: [
    {
      // The browser tests' runner (`yarn test:e2e`) is a command: it reports to the terminal.
      files: ['e2e-tests/run.mjs'],
      rules: { 'no-console': 'off' },
    },
  ],
});
