import {
  asArray,
  asRecord,
  containersOf,
  withPodTemplates,
  type ContainerRef,
  type Json,
  type PodTemplate,
} from '../objects';
import type { LoadedObject, PolicyRule, Severity, Violation } from '../types';

/** A field problem inside one object, before the rule attaches the object. */
export interface FieldProblem {
  field: string;
  problem: string;
}

interface RuleMeta {
  id: string;
  severity: Severity;
  description: string;
}

/** A rule that looks at one object at a time. */
export function objectRule(
  meta: RuleMeta,
  check: (loaded: LoadedObject, all: readonly LoadedObject[]) => FieldProblem[],
): PolicyRule {
  return {
    ...meta,
    check: objects =>
      objects.flatMap(loaded =>
        check(loaded, objects).map(
          p => ({ object: loaded, ...p } satisfies Violation),
        ),
      ),
  };
}

export interface ContainerContext extends ContainerRef {
  loaded: LoadedObject;
  template: PodTemplate;
  /** The app container: the `kubectl.kubernetes.io/default-container`, else the first one. */
  main: boolean;
}

function mainContainerName(
  template: PodTemplate,
  loaded: LoadedObject,
): string | undefined {
  const annotations = {
    ...asRecord(loaded.object.metadata?.annotations),
  };
  const chosen = annotations['kubectl.kubernetes.io/default-container'];
  if (typeof chosen === 'string') {
    return chosen;
  }
  const first = asRecord(asArray(template.spec.containers)[0]);
  return typeof first.name === 'string' ? first.name : undefined;
}

/** Every container (init containers included) of every object with a pod template. */
export function containerContexts(
  objects: readonly LoadedObject[],
): ContainerContext[] {
  return withPodTemplates(objects).flatMap(({ loaded, template }) => {
    const main = mainContainerName(template, loaded);
    return containersOf(template).map(ref => ({
      ...ref,
      loaded,
      template,
      main: !ref.init && ref.container.name === main,
    }));
  });
}

/** A rule that looks at one container at a time. */
export function containerRule(
  meta: RuleMeta,
  check: (ctx: ContainerContext) => FieldProblem[],
): PolicyRule {
  return {
    ...meta,
    check: objects =>
      containerContexts(objects).flatMap(ctx =>
        check(ctx).map(p => ({ object: ctx.loaded, ...p })),
      ),
  };
}

/**
 * A setting of the container's securityContext, falling back to the pod's
 * (runAsUser, runAsNonRoot, seccompProfile... may be set at either level).
 */
export function effectiveSecurity(
  ctx: ContainerContext,
  key: string,
): { value: unknown; field: string } {
  const container = asRecord(ctx.container.securityContext);
  if (container[key] !== undefined) {
    return {
      value: container[key],
      field: `${ctx.path}.securityContext.${key}`,
    };
  }
  const pod = asRecord(ctx.template.spec.securityContext);
  if (pod[key] !== undefined) {
    return {
      value: pod[key],
      field: `${ctx.template.path}.spec.securityContext.${key}`,
    };
  }
  return { value: undefined, field: `${ctx.path}.securityContext.${key}` };
}

export function containerSecurity(ctx: ContainerContext): Json {
  return asRecord(ctx.container.securityContext);
}
