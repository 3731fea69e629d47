{{/*
Building blocks every workload's pod shares. They mirror
src/render/manifests/podSpec.ts; the parity test renders both and compares.
*/}}

{{/* The port a component listens on (COMPONENT_PORTS, EXPORTER_PORTS in the TypeScript side). */}}
{{- define "evolution-todo.port" -}}
{{- get (dict "frontend" 3000 "backend" 8000 "mcp" 8080 "postgres" 5432 "redis" 6379 "postgres-exporter" 9187 "redis-exporter" 9121) . -}}
{{- end -}}

{{/* repository:tag of an image value. */}}
{{- define "evolution-todo.image" -}}
{{- printf "%s:%s" .repository .tag -}}
{{- end -}}

{{/*
Pod Security Standards "restricted" with a fixed non-root UID/GID: the images
are built for 10001, and volumes become group-writable for it through fsGroup.
*/}}
{{- define "evolution-todo.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* Nothing writes outside its emptyDir or volume mounts; no capability is needed. */}}
{{- define "evolution-todo.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop:
    - ALL
{{- end -}}

{{/*
The pod settings every workload shares: a dedicated ServiceAccount without a
token (nothing calls the Kubernetes API) and no service links (they would put
every Service of the namespace into the environment).
*/}}
{{- define "evolution-todo.podIdentity" -}}
serviceAccountName: {{ include "evolution-todo.serviceAccountName" . }}
automountServiceAccountToken: false
enableServiceLinks: false
{{- end -}}

{{/*
Spread a component's pods over nodes, as a preference: a small cluster still
schedules them. pod-template-hash keeps the count per ReplicaSet, so a rollout's
new pods spread among themselves. Call with (dict "root" $ "component" c "color" color).
*/}}
{{- define "evolution-todo.topologySpread" -}}
- maxSkew: 1
  topologyKey: kubernetes.io/hostname
  whenUnsatisfiable: ScheduleAnyway
  labelSelector:
    matchLabels:
      {{- include "evolution-todo.selectorLabels" . | nindent 6 }}
  matchLabelKeys:
    - pod-template-hash
{{- end -}}
