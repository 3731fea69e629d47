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
token (nothing calls the Kubernetes API), no service links (they would put
every Service of the namespace into the environment), and the release's
registry credentials (imagePullSecrets), if any.
*/}}
{{- define "evolution-todo.podIdentity" -}}
serviceAccountName: {{ include "evolution-todo.serviceAccountName" . | quote }}
automountServiceAccountToken: false
enableServiceLinks: false
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/*
Where a component's pods may run, from its values section (nodeSelector,
tolerations, affinity, priorityClassName); unset keys render nothing.
Mirrors podPlacement in src/render/manifests/podSettings.ts.
*/}}
{{- define "evolution-todo.podPlacement" -}}
{{- with .priorityClassName }}
priorityClassName: {{ . }}
{{- end }}
{{- with .nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/*
A pod template's labels: the team's podLabels with the chart's labels over
them, so a selector label can never be overridden. Call with
(dict "labels" <the dict evolution-todo.labels takes> "values" <the component's values>).
*/}}
{{- define "evolution-todo.podLabels" -}}
{{- $chart := include "evolution-todo.labels" .labels | fromYaml -}}
{{- toYaml (merge $chart (deepCopy (default (dict) .values.podLabels))) -}}
{{- end -}}

{{/*
A pod template's annotations: the chart's (e.g. the config checksum) over the
team's podAnnotations. Call with (dict "values" <values> "chart" (dict ...)).
Renders nothing when there are none.
*/}}
{{- define "evolution-todo.podAnnotations" -}}
{{- $all := merge (deepCopy (default (dict) .chart)) (deepCopy (default (dict) .values.podAnnotations)) -}}
{{- if $all -}}
{{- toYaml $all -}}
{{- end -}}
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
