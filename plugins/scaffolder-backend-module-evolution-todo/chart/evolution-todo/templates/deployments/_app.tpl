{{/*
The Deployments of the app services (frontend, backend, mcp). Mirrors
src/render/manifests/workloads.ts; the parity test renders both and compares.
*/}}

{{/*
Rolling: one <release>-<component>. Blue-green: <release>-<component>-blue and
-green, each running its colour's image tag (rollout.<colour>.imageTag), its
pods labelled with their colour; the idle colour runs no pods unless
rollout.keepIdleWarm. Call with (dict "root" $ "component" "backend").
*/}}
{{- define "evolution-todo.appDeployments" -}}
{{- $root := .root -}}
{{- if eq $root.Values.rollout.strategy "blue-green" -}}
{{- range $color := list "blue" "green" }}
---
{{ include "evolution-todo.appDeployment" (dict "root" $root "component" $.component "color" $color "running" (include "evolution-todo.colorRunning" (dict "root" $root "color" $color))) }}
{{- end }}
{{- else }}
---
{{ include "evolution-todo.appDeployment" (dict "root" $root "component" .component "running" "true") }}
{{- end }}
{{- end -}}

{{/*
The image of an app Deployment: with blue-green its colour's tag
(rollout.<colour>.imageTag), so each colour can run its own version.
Call with (dict "root" $ "component" c ["color" x]).
*/}}
{{- define "evolution-todo.appImage" -}}
{{- $image := (index .root.Values .component).image -}}
{{- if .color -}}
{{- printf "%s:%s" $image.repository (index .root.Values.rollout .color).imageTag -}}
{{- else -}}
{{- include "evolution-todo.image" $image -}}
{{- end -}}
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
Whether a colour's pods run ("true" or ""): the active colour always, the idle
one only with rollout.keepIdleWarm. Call with (dict "root" $ "color" c).
*/}}
{{- define "evolution-todo.colorRunning" -}}
{{- if or (eq .color .root.Values.rollout.activeColor) .root.Values.rollout.keepIdleWarm -}}
true
{{- end -}}
{{- end -}}

{{/*
One app Deployment; call with (dict "root" $ "component" c "running" "true"|"")
and, for blue-green, "color". A running Deployment with autoscaling on states
no replicas: its HPA owns the count, and the field never flips between stated
and unstated while the colour serves, so no upgrade resets it (Helm 3's
three-way patch deletes a field that leaves the manifest, and the API server
then defaults it to 1). A colour that does not run states 0 and has no HPA.
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
  {{- if not .running }}
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
        {{- include "evolution-todo.podLabels" (dict "labels" . "values" $values) | nindent 8 }}
      annotations:
        {{- include "evolution-todo.podAnnotations" (dict "values" $values "chart" (dict "checksum/config" (include "evolution-todo.appConfigJson" . | sha256sum))) | nindent 8 }}
    spec:
      {{- include "evolution-todo.podIdentity" $root | nindent 6 }}
      {{- include "evolution-todo.podPlacement" $values | nindent 6 }}
      securityContext:
        {{- include "evolution-todo.podSecurityContext" . | nindent 8 }}
      {{- /* Longer than the preStop sleep plus the time to finish in-flight requests. */}}
      terminationGracePeriodSeconds: 45
      topologySpreadConstraints:
        {{- include "evolution-todo.topologySpread" . | nindent 8 }}
      containers:
        - name: {{ .component }}
          image: {{ include "evolution-todo.appImage" . }}
          imagePullPolicy: {{ $values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ include "evolution-todo.port" .component }}
              protocol: TCP
          envFrom:
            - configMapRef:
                name: {{ include "evolution-todo.componentName" . }}
          {{- if or (eq .component "backend") $values.extraEnv }}
          env:
            {{- if eq .component "backend" }}
            {{- include "evolution-todo.postgresPasswordEnv" (dict "root" $root "name" "DATABASE_PASSWORD") | nindent 12 }}
            {{- end }}
            {{- with $values.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
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
