{{/*
Names and labels. Every name and label value is quoted: a release or namespace
called "y", "no" or "on" is a boolean to YAML 1.1, which Helm and kubectl read. These mirror plugins/evolution-todo-common/src/naming (the TypeScript
side renders k8s/ with the same conventions); a test renders both and compares.
*/}}

{{/* The namespace every object states explicitly. */}}
{{- define "evolution-todo.namespace" -}}
{{- .Release.Namespace -}}
{{- end -}}

{{/* <release>-<component>; call with (dict "root" $ "component" "backend"). */}}
{{- define "evolution-todo.componentName" -}}
{{- printf "%s-%s" .root.Release.Name .component -}}
{{- end -}}

{{/* <release>-<component>-<color> for blue-green Deployments. */}}
{{- define "evolution-todo.coloredName" -}}
{{- printf "%s-%s-%s" .root.Release.Name .component .color -}}
{{- end -}}

{{- define "evolution-todo.serviceAccountName" -}}
{{- .Release.Name -}}
{{- end -}}

{{/*
Selector labels: immutable for a workload's life. Call with
(dict "root" $ "component" "backend") and optionally "color".
*/}}
{{- define "evolution-todo.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name | quote }}
{{- with .component }}
app.kubernetes.io/component: {{ . }}
{{- end }}
{{- with .color }}
evolution-todo.dev/color: {{ . }}
{{- end }}
{{- end -}}

{{/*
Every label of an object: selector labels, the recommended app.kubernetes.io set and
backstage.io/kubernetes-id, which the Backstage Kubernetes plugin finds objects by.
Same arguments as selectorLabels; "component" may be omitted for release-wide objects.
A blue-green colour's objects carry that colour's version (rollout.<colour>.imageTag).
*/}}
{{- define "evolution-todo.labels" -}}
{{- $version := .root.Chart.AppVersion -}}
{{- with .color -}}
{{- $version = (index $.root.Values.rollout .).imageTag -}}
{{- end -}}
{{ include "evolution-todo.selectorLabels" . }}
app.kubernetes.io/part-of: {{ .root.Release.Name | quote }}
app.kubernetes.io/version: {{ $version | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
backstage.io/kubernetes-id: {{ .root.Release.Name | quote }}
{{- end -}}

{{/* The metadata block of a namespaced object: name, namespace, labels. */}}
{{- define "evolution-todo.metadata" -}}
name: {{ .name | quote }}
namespace: {{ include "evolution-todo.namespace" .root | quote }}
labels:
  {{- include "evolution-todo.labels" . | nindent 2 }}
{{- end -}}
