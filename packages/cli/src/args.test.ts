import { parseArgs, UsageError } from './args';

describe('parseArgs', () => {
  it('reads render with separate and inline option values', () => {
    expect(parseArgs(['render', '--values', 'v.yaml', '--out=dir'])).toEqual({
      command: 'render',
      values: 'v.yaml',
      out: 'dir',
      force: false,
      git: false,
      verbose: false,
    });
    expect(
      parseArgs([
        'render',
        '--force',
        '--out',
        'o',
        '--values=a=b.yaml',
        '--verbose',
      ]),
    ).toMatchObject({
      values: 'a=b.yaml',
      force: true,
      verbose: true,
    });
  });

  it('reads render --git and upgrade', () => {
    expect(
      parseArgs(['render', '--git', '--values', 'v.yaml', '--out', 'repo']),
    ).toMatchObject({ command: 'render', git: true, force: false });
    expect(parseArgs(['upgrade', '--repo', 'repo'])).toEqual({
      command: 'upgrade',
      repo: 'repo',
      dryRun: false,
      verbose: false,
    });
    expect(
      parseArgs(['upgrade', '--dry-run', '--repo=r', '--values', 'c.yaml']),
    ).toEqual({
      command: 'upgrade',
      repo: 'r',
      values: 'c.yaml',
      dryRun: true,
      verbose: false,
    });
  });

  it('reads --template, the template folder, for render and upgrade', () => {
    expect(
      parseArgs(['render', '--values', 'v', '--out', 'o', '--template', 't']),
    ).toMatchObject({ command: 'render', template: 't' });
    expect(parseArgs(['upgrade', '--repo', 'r', '--template=t'])).toEqual({
      command: 'upgrade',
      repo: 'r',
      dryRun: false,
      template: 't',
      verbose: false,
    });
  });

  it('reads validate and help', () => {
    expect(parseArgs(['validate', 'repo'])).toEqual({
      command: 'validate',
      dir: 'repo',
      verbose: false,
    });
    expect(parseArgs(['validate', '--verbose', 'repo'])).toEqual({
      command: 'validate',
      dir: 'repo',
      verbose: true,
    });
    expect(parseArgs([])).toEqual({ command: 'help' });
    expect(parseArgs(['--help'])).toEqual({ command: 'help' });
  });

  it.each([
    [['render', '--values', 'v.yaml'], 'render needs --out'],
    [['render', '--out', 'o', '--values'], '--values needs a value'],
    [
      ['render', '--values', 'v', '--out', 'o', '--dry'],
      'unknown option for render: --dry',
    ],
    [['validate'], 'validate takes exactly one folder'],
    [['validate', 'a', 'b'], 'validate takes exactly one folder'],
    [['deploy'], 'unknown command: deploy'],
    [
      ['render', '--git', '--force', '--values', 'v', '--out', 'o'],
      '--git creates a new repository in an empty folder; --force does not apply to it',
    ],
    [['upgrade'], 'upgrade needs --repo'],
    [['upgrade', '--repo'], '--repo needs a value'],
    [
      ['render', '--values', 'v', '--out', 'o', '--template'],
      '--template needs a value',
    ],
    [
      ['upgrade', '--repo', 'r', '--force'],
      'unknown option for upgrade: --force',
    ],
  ])('rejects %j: %s', (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });
});
