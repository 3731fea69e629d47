import { createMockDirectory } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import YAML from 'yaml';
import { runAction } from '../__testUtils__/runAction';
import { SKELETON_VALUE_KEYS } from '../skeleton/values';
import { parseRecord, RECORD_PATH } from '../upgrade/record';
import { createResolveParametersAction } from './resolveParameters';
import { examples } from './resolveParameters.examples';

describe('evolution-todo:resolve-parameters', () => {
  const workspace = createMockDirectory();
  const action = createResolveParametersAction();

  beforeEach(() => workspace.clear());

  it('outputs skeleton values with every default the chart uses', async () => {
    const { outputs } = await runAction(
      action,
      { parameters: { name: 'todo' }, templateVersion: '1.0.0' },
      { workspacePath: workspace.path },
    );

    expect(Object.keys(outputs.skeletonValues).sort()).toEqual(
      [...SKELETON_VALUE_KEYS].sort(),
    );
    expect(outputs.skeletonValues).toMatchObject({
      name: 'todo',
      namespace: 'todo',
      ingressHost: 'todo.localhost',
      redisEnabled: true,
      loggingStack: 'loki',
      rolloutStrategy: 'rolling',
      prometheusRelease: 'kube-prometheus-stack',
      templateVersion: '1.0.0',
    });
    expect(outputs.namespace).toBe('todo');
    expect(outputs.summary).toContain('release todo in namespace todo');
  });

  it('records the template version and the parameters, defaults applied, for upgrades', async () => {
    const { outputs } = await runAction(
      action,
      {
        parameters: { name: 'todo', backend: { replicas: 4 } },
        templateVersion: '2.3.1',
      },
      { workspacePath: workspace.path },
    );

    expect(outputs.recordPath).toBe(RECORD_PATH);
    const text = fs.readFileSync(`${workspace.path}/${RECORD_PATH}`, 'utf8');
    const parsed = parseRecord(text);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(parsed.record.templateVersion).toBe('2.3.1');
    expect(parsed.record.parameters.backend.replicas).toBe(4);
    // Defaults are recorded too: a later template changing a default does not change this repository.
    expect(parsed.record.parameters.frontend.replicas).toBe(3);
    expect(parsed.record.parameters.postgres.version).toBe('17');
    // The namespace as resolved from the name: an upgrade never moves the release.
    expect(parsed.record.parameters.namespace).toBe('todo');
  });

  it('runs its example step with the values the next step receives', async () => {
    const [resolve] = YAML.parse(examples[0].example).steps;
    const { outputs } = await runAction(action, resolve.input, {
      workspacePath: workspace.path,
    });
    expect(outputs.skeletonValues).toMatchObject({
      owner: 'group:default/todo-team',
      redisEnabled: false,
      loggingStack: 'fluentd',
    });
  });

  it('fails on bad parameters with every field named and writes nothing', async () => {
    await expect(
      runAction(
        action,
        {
          parameters: {
            name: 'Bad_Name',
            backend: { autoscaling: { minReplicas: 5, maxReplicas: 2 } },
          },
          templateVersion: 'v1',
        },
        { workspacePath: workspace.path },
      ),
    ).rejects.toThrow(
      /templateVersion: must be a version like 1\.2\.0 \(got "v1"\)[\s\S]*name: must be a DNS-1123 label[\s\S]*backend\.autoscaling\.minReplicas: must not exceed maxReplicas \(2\)/,
    );
    expect(fs.readdirSync(workspace.path)).toEqual([]);
  });
});
