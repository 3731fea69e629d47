import { checkDockerfile, type DockerfileRule } from './policy';

const GOOD = `FROM python:3.13.12-slim-trixie AS build
RUN python -m venv /opt/venv && /opt/venv/bin/pip install --no-cache-dir fastapi==0.136.0
FROM python:3.13.12-slim-trixie
COPY --from=build /opt/venv /opt/venv
USER 10001:10001
EXPOSE 8000
CMD ["uvicorn", "app.main:app"]
`;

function rules(
  content: string,
  expectations = { port: 8000, uid: 10001 },
): DockerfileRule[] {
  return checkDockerfile(content, expectations).map(f => f.rule);
}

describe('checkDockerfile', () => {
  it('accepts a Dockerfile that follows every rule', () => {
    expect(checkDockerfile(GOOD, { port: 8000, uid: 10001 })).toEqual([]);
  });

  const replace = (from: string, to: string) => (content: string) =>
    content.replace(from, to);
  const beforeCmd = (line: string) => replace('CMD [', `${line}\nCMD [`);

  it.each<[string, (good: string) => string, DockerfileRule]>([
    [
      'one stage',
      good =>
        good
          .split('\n')
          .slice(2)
          .join('\n')
          .replace('COPY --from=build /opt/venv /opt/venv\n', ''),
      'multi-stage',
    ],
    [
      'a floating tag',
      replace('python:3.13.12-slim-trixie AS', 'python:3.13-slim AS'),
      'pinned-base-image',
    ],
    [
      'latest',
      replace('python:3.13.12-slim-trixie AS', 'python:latest AS'),
      'pinned-base-image',
    ],
    [
      'no tag',
      replace('python:3.13.12-slim-trixie AS', 'python AS'),
      'pinned-base-image',
    ],
    ['ADD', beforeCmd('ADD https://example.com/app.tgz /app'), 'no-add'],
    [
      'a shell-form CMD',
      replace('CMD ["uvicorn", "app.main:app"]', 'CMD uvicorn app.main:app'),
      'exec-form',
    ],
    [
      'a shell-form ENTRYPOINT',
      beforeCmd('ENTRYPOINT /bin/start'),
      'exec-form',
    ],
    ['no CMD', replace('CMD ["uvicorn", "app.main:app"]', ''), 'exec-form'],
    ['a named user', replace('USER 10001:10001', 'USER app'), 'non-root-user'],
    ['root', replace('USER 10001:10001', 'USER 0'), 'non-root-user'],
    ['no user', replace('USER 10001:10001\n', ''), 'non-root-user'],
    [
      'a low uid',
      replace('USER 10001:10001', 'USER 1000:1000'),
      'non-root-user',
    ],
    [
      'another uid than the chart',
      replace('USER 10001:10001', 'USER 20000:20000'),
      'non-root-user',
    ],
    [
      'another group than the chart',
      replace('USER 10001:10001', 'USER 10001:0'),
      'non-root-user',
    ],
    ['pip with its cache', replace(' --no-cache-dir', ''), 'no-package-cache'],
    ['apk with its cache', beforeCmd('RUN apk add curl'), 'no-package-cache'],
    [
      'apt lists left',
      beforeCmd('RUN apt-get update && apt-get install -y curl'),
      'no-package-cache',
    ],
    ['the npm cache left', beforeCmd('RUN npm ci'), 'no-package-cache'],
    ['another port', replace('EXPOSE 8000', 'EXPOSE 8080'), 'exposed-port'],
    [
      'a second port',
      replace('EXPOSE 8000', 'EXPOSE 8000 9000'),
      'exposed-port',
    ],
    [
      'a password in ENV',
      beforeCmd('ENV POSTGRES_PASSWORD=hunter2'),
      'no-secrets-in-build',
    ],
    ['a token in ARG', beforeCmd('ARG NPM_TOKEN'), 'no-secrets-in-build'],
  ])('reports %s, and only that', (_case, breakRule, rule) => {
    const content = breakRule(GOOD);
    expect(content).not.toBe(GOOD);
    expect(rules(content)).toEqual([rule]);
  });

  it('uses the last USER of the final stage, not of a build stage', () => {
    const content = GOOD.replace(
      'FROM python:3.13.12-slim-trixie\n',
      'USER 10001\nFROM python:3.13.12-slim-trixie\n',
    ).replace('USER 10001:10001\n', '');
    expect(rules(content)).toEqual(['non-root-user']);
  });

  it('accepts digests and stage references as pinned', () => {
    const content = GOOD.replace(
      'FROM python:3.13.12-slim-trixie AS build',
      'FROM python@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef AS build',
    ).replace('FROM python:3.13.12-slim-trixie\n', 'FROM build\n');
    expect(rules(content)).toEqual([]);
  });

  it('names the line of each finding', () => {
    const findings = checkDockerfile(
      GOOD.replace('USER 10001:10001', 'USER root'),
      {
        uid: 10001,
        port: 8000,
      },
    );
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'non-root-user',
        line: 5,
        message: expect.stringContaining('numeric'),
      }),
    ]);
  });
});
