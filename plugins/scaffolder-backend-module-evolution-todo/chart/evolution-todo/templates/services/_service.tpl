{{/*
A ClusterIP Service. Call with (dict "root" $ "component" c "name" n "selector" (dict "root" $ "component" c ["color" x])
"ports" (list (dict "name" "http" "port" 8000)) ["headless" true]); every port targets the container port of the same name.
Mirrors src/render/manifests/services.ts.
*/}}
{{- define "evolution-todo.service" -}}
apiVersion: v1
kind: Service
metadata:
  {{- include "evolution-todo.metadata" (dict "root" .root "name" .name "component" .component "color" .color) | nindent 2 }}
spec:
  type: ClusterIP
  {{- if .headless }}
  clusterIP: None
  {{- /* Stable DNS for the pod as soon as it exists, as StatefulSet peers expect. */}}
  publishNotReadyAddresses: true
  {{- end }}
  selector:
    {{- include "evolution-todo.selectorLabels" .selector | nindent 4 }}
  ports:
    {{- range .ports }}
    - name: {{ .name }}
      port: {{ .port }}
      targetPort: {{ .name }}
      protocol: TCP
    {{- end }}
{{- end -}}

{{/*
An app's Service, <release>-<component>, port http. With blue-green it selects
the active colour only, and each colour gets its own <release>-<component>-<colour>
(labelled with the colour), to check that colour before and after a switch.
Call with (dict "root" $ "component" "backend").
*/}}
{{- define "evolution-todo.appService" -}}
{{- $root := .root -}}
{{- $component := .component -}}
{{- $ports := list (dict "name" "http" "port" (include "evolution-todo.port" $component)) -}}
{{- $selector := dict "root" $root "component" $component -}}
{{- if eq $root.Values.rollout.strategy "blue-green" -}}
{{- $_ := set $selector "color" $root.Values.rollout.activeColor -}}
{{- end -}}
{{ include "evolution-todo.service" (dict "root" $root "component" $component "name" (include "evolution-todo.componentName" .) "selector" $selector "ports" $ports) }}
{{- if eq $root.Values.rollout.strategy "blue-green" }}
{{- range $color := list "blue" "green" }}
{{- $names := dict "root" $root "component" $component "color" $color }}
---
{{ include "evolution-todo.service" (dict "root" $root "component" $component "color" $color "name" (include "evolution-todo.coloredName" $names) "selector" $names "ports" $ports) }}
{{- end }}
{{- end }}
{{- end -}}
