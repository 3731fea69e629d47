import {
  DockerfileParser,
  JSONInstruction,
  type From,
  type Instruction,
} from 'dockerfile-ast';

/** One broken rule in a Dockerfile; `line` is 1-based. */
export interface DockerfileFinding {
  rule: DockerfileRule;
  line: number;
  message: string;
}

export type DockerfileRule =
  | 'multi-stage'
  | 'pinned-base-image'
  | 'no-add'
  | 'exec-form'
  | 'non-root-user'
  | 'no-package-cache'
  | 'exposed-port'
  | 'no-secrets-in-build';

/** What each rule requires and why, for the validation report's checklist. */
export const DOCKERFILE_RULES: Record<DockerfileRule, string> = {
  'multi-stage':
    'A build stage and a runtime stage: compilers and build caches stay out of the image.',
  'pinned-base-image':
    'Every base image is pinned to a full version tag or a digest, so a rebuild starts from the same bytes.',
  'no-add':
    'COPY, not ADD: ADD also fetches URLs and unpacks archives, which hides what enters the image.',
  'exec-form':
    'The final stage has a CMD or ENTRYPOINT in exec form (a JSON array): the process is PID 1 and receives SIGTERM.',
  'non-root-user':
    "The final stage runs as a numeric non-root USER, the chart's runAsUser/runAsGroup for the app images.",
  'no-package-cache':
    'Package-manager caches are removed in the RUN that fills them (pip --no-cache-dir, apk --no-cache, ...).',
  'exposed-port':
    'The final stage EXPOSEs the port the chart sends traffic to, and only that one.',
  'no-secrets-in-build':
    'No ENV or ARG named like a secret: they end up in the image history; secrets come from Kubernetes at run time.',
};

export interface DockerfileExpectations {
  /** The one port the final stage must EXPOSE (COMPONENT_PORTS). */
  port?: number;
  /** The numeric user (and group) the final stage must run as (the chart's runAsUser). */
  uid?: number;
}

/** Lowest UID accepted as non-root: clear of distribution system and login users. */
export const MIN_NON_ROOT_UID = 10000;

const FULL_VERSION_TAG = /^v?\d+\.\d+\.\d+([-_.+][A-Za-z0-9._-]+)?$/;
const SECRET_NAME =
  /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL)/i;

/** Package-manager commands and what must accompany them in the same RUN. */
const CACHE_RULES: Array<{ command: RegExp; cleanup: RegExp; fix: string }> = [
  {
    command: /\bpip3?\s+install\b|\bpython3?\s+-m\s+pip\s+install\b/,
    cleanup: /--no-cache-dir\b/,
    fix: 'pip install --no-cache-dir',
  },
  {
    command: /\bapk\s+add\b/,
    cleanup: /--no-cache\b/,
    fix: 'apk add --no-cache',
  },
  {
    command: /\bapt-get\s+install\b/,
    cleanup: /rm\s+-rf\s+\/var\/lib\/apt\/lists/,
    fix: 'rm -rf /var/lib/apt/lists/* in the same RUN',
  },
  {
    command: /\bnpm\s+(ci|install|i)\b/,
    cleanup: /\bnpm\s+cache\s+clean\s+--force\b/,
    fix: 'npm cache clean --force in the same RUN',
  },
  {
    command: /\byarn\s+install\b/,
    cleanup: /\byarn\s+cache\s+clean\b/,
    fix: 'yarn cache clean in the same RUN',
  },
];

function lineOf(instruction: Instruction): number {
  return instruction.getRange().start.line + 1;
}

/** Splits instructions into build stages at every FROM. */
function stagesOf(instructions: Instruction[]): Instruction[][] {
  const stages: Instruction[][] = [];
  for (const instruction of instructions) {
    if (instruction.getKeyword() === 'FROM') {
      stages.push([]);
    }
    stages[stages.length - 1]?.push(instruction);
  }
  return stages;
}

function checkBaseImages(froms: From[]): DockerfileFinding[] {
  const stageNames = new Set<string>();
  const findings: DockerfileFinding[] = [];
  for (const from of froms) {
    const image = from.getImage() ?? '';
    const name = (from.getImageName() ?? '').toLowerCase();
    const tag = from.getImageTag();
    const isStage = stageNames.has(image.toLowerCase());
    if (!isStage && name !== 'scratch' && !from.getImageDigest()) {
      if (!tag || !FULL_VERSION_TAG.test(tag)) {
        findings.push({
          rule: 'pinned-base-image',
          line: lineOf(from),
          message: `base image "${image}" must be pinned to a full version tag (e.g. node:24.15.0-alpine3.23) or a digest`,
        });
      }
    }
    const stage = from.getBuildStage();
    if (stage) {
      stageNames.add(stage.toLowerCase());
    }
  }
  return findings;
}

function checkUser(
  finalStage: Instruction[],
  expected?: number,
): DockerfileFinding[] {
  const users = finalStage.filter(i => i.getKeyword() === 'USER');
  const last = users[users.length - 1];
  if (!last) {
    return [
      {
        rule: 'non-root-user',
        line: lineOf(finalStage[0]),
        message: 'the final stage sets no USER, so the container runs as root',
      },
    ];
  }
  const value = last.getArgumentsContent()?.trim() ?? '';
  const [user, group] = value.split(':');
  const numeric = (id: string | undefined) =>
    id === undefined || /^\d+$/.test(id);
  if (!numeric(user) || !numeric(group)) {
    return [
      {
        rule: 'non-root-user',
        line: lineOf(last),
        message: `USER ${value} must be numeric (uid or uid:gid) so Kubernetes can verify runAsNonRoot`,
      },
    ];
  }
  if (
    Number(user) < MIN_NON_ROOT_UID ||
    (expected !== undefined && Number(user) !== expected)
  ) {
    return [
      {
        rule: 'non-root-user',
        line: lineOf(last),
        message: `USER ${value} must be ${
          expected ?? `a uid of at least ${MIN_NON_ROOT_UID}`
        }${expected !== undefined ? " (the chart's runAsUser)" : ''}`,
      },
    ];
  }
  if (
    expected !== undefined &&
    group !== undefined &&
    Number(group) !== expected
  ) {
    return [
      {
        rule: 'non-root-user',
        line: lineOf(last),
        message: `USER ${value}: the group must be ${expected} (the chart's runAsGroup)`,
      },
    ];
  }
  return [];
}

function checkRunCaches(run: Instruction): DockerfileFinding[] {
  const text = run.getRawArgumentsContent() ?? '';
  return CACHE_RULES.filter(
    rule => rule.command.test(text) && !rule.cleanup.test(text),
  ).map(rule => ({
    rule: 'no-package-cache' as const,
    line: lineOf(run),
    message: `package cache left in the image: use ${rule.fix}`,
  }));
}

function checkExecForm(instruction: Instruction): DockerfileFinding[] {
  const json =
    instruction instanceof JSONInstruction &&
    instruction.getOpeningBracket() !== null &&
    instruction.getClosingBracket() !== null &&
    instruction.getJSONStrings().length > 0;
  return json
    ? []
    : [
        {
          rule: 'exec-form',
          line: lineOf(instruction),
          message: `${instruction.getKeyword()} must use the exec form (a JSON array), so the process is PID 1 and receives SIGTERM`,
        },
      ];
}

function checkExpose(
  finalStage: Instruction[],
  port?: number,
): DockerfileFinding[] {
  const exposed = finalStage
    .filter(i => i.getKeyword() === 'EXPOSE')
    .flatMap(i =>
      i.getArguments().map(a => a.getValue().replace(/\/tcp$/, '')),
    );
  if (port === undefined) {
    return exposed.length > 0
      ? []
      : [
          {
            rule: 'exposed-port',
            line: lineOf(finalStage[0]),
            message: 'the final stage EXPOSEs no port',
          },
        ];
  }
  if (exposed.length === 1 && exposed[0] === String(port)) {
    return [];
  }
  return [
    {
      rule: 'exposed-port',
      line: lineOf(finalStage[0]),
      message: `the final stage must EXPOSE exactly ${port} (got ${
        exposed.join(', ') || 'none'
      })`,
    },
  ];
}

function checkSecrets(instruction: Instruction): DockerfileFinding[] {
  const keyword = instruction.getKeyword();
  if (keyword !== 'ENV' && keyword !== 'ARG') {
    return [];
  }
  const names = instruction
    .getArguments()
    .map(a => a.getValue().split('=')[0])
    .filter(name => SECRET_NAME.test(name));
  return names.map(name => ({
    rule: 'no-secrets-in-build' as const,
    line: lineOf(instruction),
    message: `${keyword} ${name}: secrets in ${keyword} end up in the image history; pass them at run time (Kubernetes Secret)`,
  }));
}

/**
 * Checks a Dockerfile against the image rules of the golden path: multi-stage,
 * pinned base images, no ADD, exec-form CMD/ENTRYPOINT, a numeric non-root USER,
 * no package-manager caches, the expected port, no secrets in ENV/ARG.
 */
export function checkDockerfile(
  content: string,
  expectations: DockerfileExpectations = {},
): DockerfileFinding[] {
  const dockerfile = DockerfileParser.parse(content);
  const instructions = dockerfile.getInstructions();
  const froms = dockerfile.getFROMs();
  if (froms.length === 0) {
    return [{ rule: 'multi-stage', line: 1, message: 'no FROM instruction' }];
  }
  const stages = stagesOf(instructions);
  const finalStage = stages[stages.length - 1];
  const findings: DockerfileFinding[] = [
    ...(froms.length < 2
      ? [
          {
            rule: 'multi-stage' as const,
            line: lineOf(froms[0]),
            message:
              'build in one stage and copy the result into a runtime stage (multi-stage build)',
          },
        ]
      : []),
    ...checkBaseImages(froms),
    ...instructions
      .filter(i => i.getKeyword() === 'ADD')
      .map(i => ({
        rule: 'no-add' as const,
        line: lineOf(i),
        message:
          'use COPY: ADD also fetches URLs and unpacks archives, which hides what enters the image',
      })),
    ...instructions
      .filter(i => i.getKeyword() === 'CMD' || i.getKeyword() === 'ENTRYPOINT')
      .flatMap(checkExecForm),
    ...(finalStage.some(
      i => i.getKeyword() === 'CMD' || i.getKeyword() === 'ENTRYPOINT',
    )
      ? []
      : [
          {
            rule: 'exec-form' as const,
            line: lineOf(finalStage[0]),
            message: 'the final stage has no CMD or ENTRYPOINT',
          },
        ]),
    ...checkUser(finalStage, expectations.uid),
    ...instructions
      .filter(i => i.getKeyword() === 'RUN')
      .flatMap(checkRunCaches),
    ...checkExpose(finalStage, expectations.port),
    ...instructions.flatMap(checkSecrets),
  ];
  return findings.sort(
    (a, b) => a.line - b.line || a.rule.localeCompare(b.rule),
  );
}
