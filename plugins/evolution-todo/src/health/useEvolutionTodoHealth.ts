import { useEffect, useMemo, useRef, useState } from 'react';
import type { Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  kubernetesApiRef,
  useKubernetesObjects,
} from '@backstage/plugin-kubernetes-react';
import {
  describeEntityTarget,
  PROBE_TIMEOUT_MS,
} from '@evolution-todo/plugin-evolution-todo-common';
import { assembleHealth, snapshotsFrom } from './assembleHealth';
import { describeObjectsError } from './describeObjectsError';
import { fetchClusterExtras } from './fetchClusterExtras';
import type { ClusterExtras, EvolutionTodoHealth, Fault } from './types';

export interface HealthOptions {
  /** How often the objects are fetched again (useKubernetesObjects polls). */
  intervalMs?: number;
  /** After this long without a first answer, the card says the backend is slow. */
  slowAfterMs?: number;
  /** How long a live health check may take. */
  probeTimeoutMs?: number;
}

/** The configured clusters, or undefined until (and unless) they are known. */
function useClusterNames(): string[] | undefined {
  const api = useApi(kubernetesApiRef);
  const [names, setNames] = useState<string[]>();
  useEffect(() => {
    let live = true;
    api.getClusters().then(
      clusters =>
        live &&
        setNames(
          Array.isArray(clusters) ? clusters.map(c => c.name) : undefined,
        ),
      () => undefined, // useKubernetesObjects reports the same failure
    );
    return () => {
      live = false;
    };
  }, [api]);
  return names;
}

function useSlow(waiting: boolean, afterMs: number): boolean {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    setSlow(false);
    if (!waiting) return undefined;
    const timer = setTimeout(() => setSlow(true), afterMs);
    return () => clearTimeout(timer);
  }, [waiting, afterMs]);
  return slow;
}

/**
 * Objects through useKubernetesObjects, events, volume claims and live checks
 * through kubernetesApiRef.proxy, verdicts from the common health rules.
 * Keeps showing the last answer while a refresh runs or fails.
 */
export function useEvolutionTodoHealth(
  entity: Entity,
  options: HealthOptions = {},
): EvolutionTodoHealth {
  const {
    intervalMs = 10_000,
    slowAfterMs = 15_000,
    probeTimeoutMs = PROBE_TIMEOUT_MS,
  } = options;
  const api = useApi(kubernetesApiRef);
  const target = useMemo(
    () => describeEntityTarget(entity.metadata.annotations),
    [entity],
  );
  const objects = useKubernetesObjects(entity, intervalMs);
  const { loading, error } = objects;
  // useKubernetesObjects drops its value when a refresh fails; the card keeps
  // showing the last answer, with a warning.
  const [kubernetesObjects, setLastObjects] = useState(
    objects.kubernetesObjects,
  );
  useEffect(() => {
    if (objects.kubernetesObjects) setLastObjects(objects.kubernetesObjects);
  }, [objects.kubernetesObjects]);
  const clusters = useClusterNames();
  const slow = useSlow(!kubernetesObjects && !error, slowAfterMs);
  const [extras, setExtras] = useState<ClusterExtras[]>([]);
  const generation = useRef(0);

  useEffect(() => {
    if (!kubernetesObjects || !target) return;
    const mine = ++generation.current;
    const { snapshots } = snapshotsFrom(kubernetesObjects);
    Promise.all(
      snapshots.map(s =>
        fetchClusterExtras(api, s, target.release, probeTimeoutMs),
      ),
    ).then(result => {
      if (mine === generation.current) setExtras(result);
    });
  }, [api, kubernetesObjects, target, probeTimeoutMs]);

  return useMemo(() => {
    if (!target) {
      return {
        loading: false,
        faults: [
          {
            severity: 'info',
            message:
              'This entity has no evolution-todo Kubernetes annotations.',
          },
        ],
        clusters: [],
      };
    }
    const assembled = assembleHealth({
      target,
      response: kubernetesObjects,
      clusters,
      extras,
    });
    const faults: Fault[] = [];
    if (error) {
      const fault = describeObjectsError(error);
      faults.push(
        kubernetesObjects
          ? {
              severity: 'warning',
              message: `${fault.message} Showing the last answer.`,
            }
          : fault,
      );
    }
    if (slow) {
      faults.push({
        severity: 'warning',
        message: `The Kubernetes backend has not answered for ${Math.round(
          slowAfterMs / 1000,
        )} s; still waiting.`,
      });
    }
    return {
      target,
      loading: !kubernetesObjects && !error && loading,
      health: assembled.health,
      faults: [...faults, ...assembled.faults],
      clusters: assembled.clusters,
    };
  }, [
    target,
    kubernetesObjects,
    clusters,
    extras,
    error,
    loading,
    slow,
    slowAfterMs,
  ]);
}
