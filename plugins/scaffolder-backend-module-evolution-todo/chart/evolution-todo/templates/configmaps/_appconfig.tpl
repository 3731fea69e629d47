{{/*
The environment of an app service as JSON. Go's encoding/json (toJson) sorts map
keys, so the bytes are stable: the ConfigMap's data comes from them, and so does
the pods' checksum/config annotation, which rolls the pods whenever the
configuration changes. src/render/manifests/configMaps.ts hashes the same bytes.
Call with (dict "root" $ "component" "backend").
*/}}
{{- define "evolution-todo.appConfigJson" -}}
{{- $root := .root -}}
{{- $name := dict "root" $root -}}
{{- $backendUrl := printf "http://%s:%s" (include "evolution-todo.componentName" (merge (dict "component" "backend") $name)) (include "evolution-todo.port" "backend") -}}
{{- $data := dict "PORT" (include "evolution-todo.port" .component) -}}
{{- if eq .component "frontend" -}}
{{- /* The Next.js standalone server binds to $HOSTNAME, which Kubernetes sets to the pod name. */ -}}
{{- $_ := set $data "HOSTNAME" "0.0.0.0" -}}
{{- $_ := set $data "NODE_ENV" "production" -}}
{{- $_ := set $data "NEXT_TELEMETRY_DISABLED" "1" -}}
{{- $_ := set $data "BACKEND_URL" $backendUrl -}}
{{- else if eq .component "backend" -}}
{{- $_ := set $data "LOG_LEVEL" $root.Values.backend.logLevel -}}
{{- $_ := set $data "DATABASE_HOST" (include "evolution-todo.componentName" (merge (dict "component" "postgres") $name)) -}}
{{- $_ := set $data "DATABASE_PORT" (include "evolution-todo.port" "postgres") -}}
{{- $_ := set $data "DATABASE_NAME" $root.Values.postgres.database -}}
{{- $_ := set $data "DATABASE_USER" $root.Values.postgres.username -}}
{{- if $root.Values.redis.enabled -}}
{{- $_ := set $data "REDIS_URL" (printf "redis://%s:%s/0" (include "evolution-todo.componentName" (merge (dict "component" "redis") $name)) (include "evolution-todo.port" "redis")) -}}
{{- end -}}
{{- else if eq .component "mcp" -}}
{{- $_ := set $data "LOG_LEVEL" $root.Values.mcp.logLevel -}}
{{- $_ := set $data "BACKEND_URL" $backendUrl -}}
{{- end -}}
{{- toJson $data -}}
{{- end -}}

{{/* An app's ConfigMap; call with (dict "root" $ "component" "backend"). */}}
{{- define "evolution-todo.appConfigMap" -}}
apiVersion: v1
kind: ConfigMap
metadata:
  {{- include "evolution-todo.metadata" (dict "root" .root "name" (include "evolution-todo.componentName" .) "component" .component) | nindent 2 }}
data:
  {{- include "evolution-todo.appConfigJson" . | fromJson | toYaml | nindent 2 }}
{{- end -}}
