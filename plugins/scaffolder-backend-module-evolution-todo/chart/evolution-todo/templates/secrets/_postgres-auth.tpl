{{/*
The Secret holding the PostgreSQL password (key postgres-password): the user's
postgres.existingSecret, or <release>-postgres-auth, which the chart creates.
*/}}
{{- define "evolution-todo.postgresSecretName" -}}
{{- .Values.postgres.existingSecret | default (printf "%s-auth" (include "evolution-todo.componentName" (dict "root" . "component" "postgres"))) -}}
{{- end -}}

{{/* An env var with the PostgreSQL password; call with (dict "root" $ "name" "DATABASE_PASSWORD"). */}}
{{- define "evolution-todo.postgresPasswordEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ include "evolution-todo.postgresSecretName" .root }}
      key: postgres-password
{{- end -}}
