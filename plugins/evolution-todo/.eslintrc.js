module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  overrides: [
    {
      // The test doubles (the simulated cluster) build their release from the
      // scaffolder module's published testUtils: the real renderer's objects.
      // Nothing the plugin ships reaches src/**/__testUtils__.
      files: ['src/**/__testUtils__/**'],
      rules: { '@backstage/no-mixed-plugin-imports': 'off' },
    },
  ],
});
