{{/*
The Deployments of the app services (frontend, backend, mcp). Mirrors
src/render/manifests/workloads.ts; the parity test renders both and compares.
*/}}

{{/*
Rolling: one <release>-<component>. Blue-green: <release>-<component>-blue and
-green, the idle colour at 0 replicas, its pods labelled with their colour.
Call with (dict "root" $ "component" "backend").
*/}}
{{- define "evolution-todo.appDeployments" -}}
{{- $root := .root -}}
{{- if eq $root.Values.rollout.strategy "blue-green" -}}
{{- range $color := list "blue" "green" }}
---
{{ include "evolution-todo.appDeployment" (dict "root" $root "component" $.component "color" $color "active" (eq $color $root.Values.rollout.activeColor)) }}
{{- end }}
{{- else }}
---
{{ include "evolution-todo.appDeployment" (dict "root" $root "component" .component "active" true) }}
{{- end }}
{{- end -}}

{{/*
The HTTP probes of an app. Startup holds liveness back while the app boots
(up to 150 s: migrations, Next.js warm-up); liveness checks the process and is
patient; readiness checks that the pod can serve (the backend's /readiness
checks its database) and reacts fast.
*/}}
{{- define "evolution-todo.appProbes" -}}
{{- $paths := get (dict "frontend" (list "/api/health" "/api/health") "backend" (list "/health" "/readiness") "mcp" (list "/health" "/health")) . -}}
startupProbe:
  httpGet:
    path: {{ index $paths 0 }}
    port: http
  periodSeconds: 5
  timeoutSeconds: 3
  failureThreshold: 30
livenessProbe:
  httpGet:
    path: {{ index $paths 0 }}
    port: http
  periodSeconds: 10
  timeoutSeconds: 3
  failureThreshold: 3
readinessProbe:
  httpGet:
    path: {{ index $paths 1 }}
    port: http
  periodSeconds: 5
  timeoutSeconds: 3
  failureThreshold: 3
{{- end -}}

{{/*
One app Deployment; call with (dict "root" $ "component" c "active" bool) and,
for blue-green, "color". An HPA owns the replicas of the active Deployment when
autoscaling is on, so it states none.
*/}}
{{- define "evolution-todo.appDeployment" -}}
{{- $root := .root -}}
{{- $values := index $root.Values .component -}}
{{- $name := include "evolution-todo.componentName" . -}}
{{- if .color -}}
{{- $name = include "evolution-todo.coloredName" . -}}
{{- end -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  {{- include "evolution-todo.metadata" (dict "root" $root "name" $name "component" .component "color" .color) | nindent 2 }}
spec:
  {{- if not .active }}
  replicas: 0
  {{- else if not $values.autoscaling.enabled }}
  replicas: {{ $values.replicas }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "evolution-todo.selectorLabels" . | nindent 6 }}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  template:
    metadata:
      labels:
        {{- include "evolution-todo.labels" . | nindent 8 }}
      annotations:
        checksum/config: {{ include "evolution-todo.appConfigJson" . | sha256sum }}
    spec:
      {{- include "evolution-todo.podIdentity" $root | nindent 6 }}
      securityContext:
        {{- include "evolution-todo.podSecurityContext" . | nindent 8 }}
      {{- /* Longer than the preStop sleep plus the time to finish in-flight requests. */}}
      terminationGracePeriodSeconds: 45
      topologySpreadConstraints:
        {{- include "evolution-todo.topologySpread" . | nindent 8 }}
      containers:
        - name: {{ .component }}
          image: {{ include "evolution-todo.image" $values.image }}
          imagePullPolicy: {{ $values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ include "evolution-todo.port" .component }}
              protocol: TCP
          envFrom:
            - configMapRef:
                name: {{ include "evolution-todo.componentName" . }}
          {{- if eq .component "backend" }}
          env:
            {{- include "evolution-todo.postgresPasswordEnv" (dict "root" $root "name" "DATABASE_PASSWORD") | nindent 12 }}
          {{- end }}
          resources:
            {{- toYaml $values.resources | nindent 12 }}
          securityContext:
            {{- include "evolution-todo.containerSecurityContext" . | nindent 12 }}
          {{- include "evolution-todo.appProbes" .component | nindent 10 }}
          lifecycle:
            {{- /* Keep serving while endpoints and ingress controllers stop routing here. */}}
            preStop:
              exec:
                command: ["sleep", "10"]
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- if eq .component "frontend" }}
            - name: next-cache
              mountPath: /app/.next/cache
            {{- end }}
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: 64Mi
        {{- if eq .component "frontend" }}
        - name: next-cache
          emptyDir:
            sizeLimit: 512Mi
        {{- end }}
{{- end -}}
