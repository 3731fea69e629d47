import type {
  EntityTarget,
  KubeEvent,
  PersistentVolumeClaim,
  ProbeResult,
  SystemHealth,
} from '@evolution-todo/plugin-evolution-todo-common';

/** Something the card must say because it could not see everything. */
export interface Fault {
  severity: 'error' | 'warning' | 'info';
  message: string;
}

/** What the proxy calls add to a cluster's objects: events, PVCs and live checks. */
export interface ClusterExtras {
  cluster: string;
  events: KubeEvent[];
  persistentVolumeClaims: PersistentVolumeClaim[];
  probes: ProbeResult[];
  faults: Fault[];
}

export interface EvolutionTodoHealth {
  /** What the entity points at; undefined for entities that are not ours. */
  target?: EntityTarget;
  /** True until the first answer (or failure) of the Kubernetes backend. */
  loading: boolean;
  /** The verdicts, as soon as any cluster answered; partial data still gives one. */
  health?: SystemHealth;
  faults: Fault[];
  /** Clusters that answered with objects. */
  clusters: string[];
}
