import {
  APP_COMPONENTS,
  coloredName,
  componentName,
  LABELS,
  parseDeploymentParameters,
  type AppComponent,
  type Color,
} from '@evolution-todo/plugin-evolution-todo-common';
import path from 'node:path';
import { CHART_FOLDER } from '../actions/renderChart';
import { renderChart } from '../render/chart/renderChart';
import { writeRenderedFiles } from '../render/files';
import {
  HELM_MAJORS,
  helmTemplate,
  type HelmMajor,
} from '../testUtils/helm';
import { ReleaseModel } from './__testUtils__/releaseModel';
import {
  renderSkeleton,
  SKELETON_TEST_VERSION,
} from './__testUtils__/renderSkeleton';
import { runWithStubs, type Stubs } from './__testUtils__/stubCommands';
import { skeletonValues } from './values';

/**
 * Blue-green with two versions, end to end as far as this machine allows: the
 * generated switch-color.sh decides the Helm upgrades (its dry run prints
 * them), real Helm renders the chart for each, and ReleaseModel applies them
 * as Helm and the API server would (see its rules). At every step the
 * serving colour keeps at least its minimum, the active colour's pods are not
 * touched while the idle one changes version, and the old colour stays warm
 * for a rollback until --finish.
 */

// Real Helm renders several times per case; a loaded CI machine needs room.
jest.setTimeout(60_000);

const spec = parseDeploymentParameters({
  name: 'shop',
  namespace: 'shop-dev',
  imageTag: '1.0.0',
  rollout: { strategy: 'blue-green' },
  // The backend autoscales (min 2) by default; the frontend states 3 replicas.
  mcp: { replicas: 2 },
});
const OLD = '1.0.0';
const NEW = '1.1.0';

/** The least each component may serve with: the HPA's minimum, or its replicas. */
const minimum = (component: AppComponent) =>
  spec[component].autoscaling.enabled
    ? spec[component].autoscaling.minReplicas
    : spec[component].replicas;

let repo: string;
let cleanup: () => void;

beforeAll(async () => {
  ({ dir: repo, cleanup } = await renderSkeleton(
    skeletonValues(spec, SKELETON_TEST_VERSION),
  ));
  await writeRenderedFiles(path.join(repo, CHART_FOLDER), renderChart(spec));
});
afterAll(() => cleanup?.());

const chartDir = () => path.join(repo, CHART_FOLDER);

function template(major: HelmMajor, sets: string[]) {
  return helmTemplate(major, chartDir(), {
    release: spec.name,
    namespace: spec.namespace,
    valuesFiles: [path.join(chartDir(), 'values.yaml')],
    set: sets,
  });
}

/** What kubectl answers about a release whose Services select `active`. */
function clusterStubs(
  active: Color,
  tags: Record<Color, string>,
  replicas: Record<AppComponent, number>,
): Stubs {
  const idle: Color = active === 'blue' ? 'green' : 'blue';
  const escaped = LABELS.color.replace(/\./g, '\\.');
  const ns = `--namespace ${spec.namespace}`;
  return {
    // Present on PATH; a dry run asks it nothing.
    helm: {},
    kubectl: Object.fromEntries([
      ...APP_COMPONENTS.map(c => [
        `get service ${componentName(
          spec.name,
          c,
        )} ${ns} --output jsonpath={.spec.selector.${escaped}}`,
        { stdout: active },
      ]),
      ...(['blue', 'green'] as const).map(color => [
        `get deployment ${coloredName(
          spec.name,
          'backend',
          color,
        )} ${ns} --output jsonpath={.spec.template.spec.containers[0].image}`,
        { stdout: `${spec.imageRegistry}/shop-backend:${tags[color]}` },
      ]),
      ...APP_COMPONENTS.map(c => [
        `get horizontalpodautoscaler ${coloredName(spec.name, c, idle)} ${ns}`,
        { exitCode: spec[c].autoscaling.enabled ? 0 : 1 },
      ]),
      ...APP_COMPONENTS.map(c => [
        `get deployment ${coloredName(
          spec.name,
          c,
          active,
        )} ${ns} --output jsonpath={.spec.replicas}`,
        { stdout: String(replicas[c]) },
      ]),
    ]),
  };
}

type Step =
  | { kind: 'upgrade'; sets: string[] }
  | { kind: 'scale'; name: string; replicas: number };

/** The state-changing commands a dry run printed, in order. */
function stepsOf(commands: string[]): Step[] {
  return commands.flatMap((line): Step[] => {
    const words = line.slice(2).split(' ');
    if (words[0] === 'helm' && words[1] === 'upgrade') {
      return [
        {
          kind: 'upgrade',
          sets: words.flatMap((w, i) => (words[i - 1] === '--set' ? [w] : [])),
        },
      ];
    }
    if (words[0] === 'kubectl' && words[1] === 'scale') {
      return [
        {
          kind: 'scale',
          name: words[3],
          replicas: Number(words[words.indexOf('--replicas') + 1]),
        },
      ];
    }
    return [];
  });
}

function runScript(args: string[], stubs: Stubs) {
  const result = runWithStubs(
    path.join(repo, 'scripts', 'switch-color.sh'),
    ['--dry-run', ...args],
    stubs,
  );
  expect({ status: result.status, stderr: result.stderr }).toEqual({
    status: 0,
    stderr: '',
  });
  return { ...result, steps: stepsOf(result.commands) };
}

/** The serving Deployment of each component and its live size. */
function serving(model: ReleaseModel) {
  return Object.fromEntries(
    APP_COMPONENTS.map(c => {
      const served = model.servedBy(componentName(spec.name, c));
      return [c, served.reduce((sum, d) => sum + d.replicas, 0)];
    }),
  ) as Record<AppComponent, number>;
}

function expectServingAtLeastMinimum(model: ReleaseModel, when: string) {
  const sizes = serving(model);
  for (const c of APP_COMPONENTS) {
    expect({ when, component: c, serving: sizes[c] >= minimum(c) }).toEqual({
      when,
      component: c,
      serving: true,
    });
  }
}

async function apply(major: HelmMajor, model: ReleaseModel, steps: Step[]) {
  for (const step of steps) {
    if (step.kind === 'upgrade') {
      model.upgrade(await template(major, step.sets));
      // The instant after the upgrade, before any HPA acts.
      expectServingAtLeastMinimum(model, `helm upgrade ${step.sets.join(' ')}`);
    } else {
      model.scale(step.name, step.replicas);
    }
    model.reconcileAutoscalers();
    expectServingAtLeastMinimum(model, 'after the HPAs act');
  }
}

const name = (c: AppComponent, color: Color) =>
  coloredName(spec.name, c, color);

describe.each(HELM_MAJORS)(
  'blue-green switch with two versions (Helm %s)',
  major => {
    async function installed() {
      const model = new ReleaseModel();
      model.upgrade(await template(major, []));
      model.reconcileAutoscalers();
      // Under load the backend has grown beyond its minimum.
      model.scale(name('backend', 'blue'), 5);
      return model;
    }

    it('deploys the new version to the idle colour, switches, keeps the old colour warm, then finishes', async () => {
      const model = await installed();
      expect(model.colorOf(componentName(spec.name, 'backend'))).toBe('blue');
      expect(model.deployments.get(name('backend', 'green'))!.replicas).toBe(0);
      const blueBefore = APP_COMPONENTS.map(
        c => model.deployments.get(name(c, 'blue'))!.template,
      );

      const live = (c: AppComponent, color: Color) =>
        model.deployments.get(name(c, color))!;
      const switchRun = runScript(
        ['--tag', NEW],
        clusterStubs(
          'blue',
          { blue: OLD, green: OLD },
          { frontend: 3, backend: 5, mcp: 2 },
        ),
      );
      const upgrades = switchRun.steps.filter(s => s.kind === 'upgrade');
      expect(upgrades).toHaveLength(2);
      // The readiness checks go through the idle colour's own Services, before the switch.
      expect(switchRun.stdout).toContain(
        `check http://${name('backend', 'green')}:8000/readiness`,
      );

      // Step 1 alone: green gets the new version and runs; blue's pods are untouched.
      const [prepare] = switchRun.steps;
      await apply(major, model, [prepare]);
      expect(APP_COMPONENTS.map(c => live(c, 'blue').template)).toEqual(
        blueBefore,
      );
      for (const c of APP_COMPONENTS) {
        expect(live(c, 'green').image).toMatch(new RegExp(`:${NEW}$`));
        expect(live(c, 'blue').image).toMatch(new RegExp(`:${OLD}$`));
        expect(live(c, 'green').labels[LABELS.version]).toBe(NEW);
      }
      expect(model.colorOf(componentName(spec.name, 'backend'))).toBe('blue');

      // The rest: green sized like blue, then the switch.
      await apply(major, model, switchRun.steps.slice(1));
      expect(model.colorOf(componentName(spec.name, 'backend'))).toBe('green');
      expect(live('backend', 'green').replicas).toBe(5);
      // Blue stays warm, still on the old version, for an instant rollback.
      for (const c of APP_COMPONENTS) {
        expect(live(c, 'blue').replicas).toBeGreaterThanOrEqual(minimum(c));
        expect(live(c, 'blue').image).toMatch(new RegExp(`:${OLD}$`));
      }

      // --finish ends the rollback window: blue goes to 0, green serves on.
      const finish = runScript(
        ['--finish'],
        clusterStubs(
          'green',
          { blue: OLD, green: NEW },
          { frontend: 3, backend: 5, mcp: 2 },
        ),
      );
      const greenBefore = APP_COMPONENTS.map(c => live(c, 'green').template);
      await apply(major, model, finish.steps);
      for (const c of APP_COMPONENTS) {
        expect(live(c, 'blue').replicas).toBe(0);
        expect(live(c, 'green').replicas).toBeGreaterThanOrEqual(minimum(c));
      }
      expect(APP_COMPONENTS.map(c => live(c, 'green').template)).toEqual(
        greenBefore,
      );
    });

    it('switches back at once while the old colour is warm (a rollback without --tag)', async () => {
      const model = await installed();
      const first = runScript(
        ['--tag', NEW],
        clusterStubs(
          'blue',
          { blue: OLD, green: OLD },
          { frontend: 3, backend: 5, mcp: 2 },
        ),
      );
      await apply(major, model, first.steps);
      const back = runScript(
        [],
        clusterStubs(
          'green',
          { blue: OLD, green: NEW },
          { frontend: 3, backend: 5, mcp: 2 },
        ),
      );
      await apply(major, model, back.steps);
      expect(model.colorOf(componentName(spec.name, 'backend'))).toBe('blue');
      expect(model.deployments.get(name('backend', 'blue'))!.image).toMatch(
        new RegExp(`:${OLD}$`),
      );
    });

    it('would drop below the minimum with a one-step flip of activeColor (the model bites)', async () => {
      const model = await installed();
      model.upgrade(
        await template(major, [
          'rollout.activeColor=green',
          `rollout.green.imageTag=${NEW}`,
        ]),
      );
      // Green had no pods and takes all traffic at once; the HPA'd backend even starts from 0.
      expect(serving(model).backend).toBeLessThan(minimum('backend'));
      expect(serving(model).frontend).toBe(spec.frontend.replicas);
      // and blue, the old version, is gone: nothing warm to go back to.
      expect(model.deployments.get(name('backend', 'blue'))!.replicas).toBe(0);
    });
  },
);
