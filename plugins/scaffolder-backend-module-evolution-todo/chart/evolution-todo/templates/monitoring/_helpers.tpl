{{/*
Helpers of the monitoring family. The TypeScript twin is
src/render/manifests/monitoring; the parity test renders both and compares.
*/}}

{{/*
The API group version of the Prometheus Operator's kinds (ServiceMonitor,
PrometheusRule). The chart renders those objects only when the cluster serves
it, so an install without the operator's CRDs does not fail with "no matches
for kind ServiceMonitor". `helm install` and `helm upgrade` fill
.Capabilities.APIVersions from the cluster's discovery; `helm template` (and
Helm 4's `helm install --dry-run=client`) only from Helm's built-in list plus
`--api-versions`, so render k8s/ with `--api-versions monitoring.coreos.com/v1`.
*/}}
{{- define "evolution-todo.monitoring.operatorApi" -}}
monitoring.coreos.com/v1
{{- end -}}

{{/*
"true" when monitoring is on and the cluster serves the operator's API, else
empty: the condition of servicemonitors.yaml and prometheusrule.yaml.
*/}}
{{- define "evolution-todo.monitoring.operatorObjects" -}}
{{- if and .Values.monitoring.enabled (.Capabilities.APIVersions.Has (include "evolution-todo.monitoring.operatorApi" .)) -}}
true
{{- end -}}
{{- end -}}

{{/*
Labels of objects the Prometheus Operator selects: the standard labels plus
`release`, which kube-prometheus-stack's default selectors match.
Same arguments as evolution-todo.labels.
*/}}
{{- define "evolution-todo.monitoring.labels" -}}
{{ include "evolution-todo.labels" . }}
release: {{ .root.Values.monitoring.prometheusRelease | quote }}
{{- end -}}

{{/*
An exporter's Deployment: one replica, restricted pod security, probes on a
path that does not query the data store. Call with (dict "root" $
"component" "postgres-exporter" "probePath" "/" "values"
.Values.monitoring.exporters.postgres "env" <YAML list of env vars>).
*/}}
{{- define "evolution-todo.monitoring.exporterDeployment" -}}
{{- $root := .root -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  {{- include "evolution-todo.metadata" (dict "root" $root "name" (include "evolution-todo.componentName" .) "component" .component) | nindent 2 }}
spec:
  replicas: 1
  selector:
    matchLabels:
      {{- include "evolution-todo.selectorLabels" (dict "root" $root "component" .component) | nindent 6 }}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  template:
    metadata:
      labels:
        {{- include "evolution-todo.labels" (dict "root" $root "component" .component) | nindent 8 }}
    spec:
      {{- include "evolution-todo.podIdentity" $root | nindent 6 }}
      securityContext:
        {{- include "evolution-todo.podSecurityContext" $root | nindent 8 }}
      containers:
        - name: {{ .component }}
          image: {{ include "evolution-todo.image" .values.image | quote }}
          imagePullPolicy: {{ .values.image.pullPolicy }}
          env:
            {{- .env | nindent 12 }}
          ports:
            - name: metrics
              containerPort: {{ include "evolution-todo.port" .component }}
              protocol: TCP
          livenessProbe:
            httpGet:
              path: {{ .probePath }}
              port: metrics
            periodSeconds: 20
            timeoutSeconds: 5
            failureThreshold: 3
          readinessProbe:
            httpGet:
              path: {{ .probePath }}
              port: metrics
            periodSeconds: 10
            timeoutSeconds: 5
            failureThreshold: 3
          resources:
            {{- toYaml .values.resources | nindent 12 }}
          securityContext:
            {{- include "evolution-todo.containerSecurityContext" $root | nindent 12 }}
{{- end -}}

{{/* An exporter's Service: port `metrics`, which its ServiceMonitor scrapes. Same arguments. */}}
{{- define "evolution-todo.monitoring.exporterService" -}}
apiVersion: v1
kind: Service
metadata:
  {{- include "evolution-todo.metadata" (dict "root" .root "name" (include "evolution-todo.componentName" .) "component" .component) | nindent 2 }}
spec:
  type: ClusterIP
  selector:
    {{- include "evolution-todo.selectorLabels" (dict "root" .root "component" .component) | nindent 4 }}
  ports:
    - name: metrics
      port: {{ include "evolution-todo.port" .component }}
      targetPort: metrics
      protocol: TCP
{{- end -}}
