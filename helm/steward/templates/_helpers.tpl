{{/* The chart's name, or nameOverride. */}}
{{- define "steward.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's full name: the object names. */}}
{{- define "steward.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else if contains (include "steward.name" .) .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name (include "steward.name" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "steward.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "steward.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: steward
{{- end }}

{{- define "steward.selectorLabels" -}}
app.kubernetes.io/name: {{ include "steward.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "steward.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "steward.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "steward.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* Steward's base URL inside the cluster. */}}
{{- define "steward.publicUrl" -}}
{{- default (printf "http://%s.%s.svc.cluster.local:%d" (include "steward.fullname" .) .Release.Namespace (int .Values.service.port)) .Values.publicUrl }}
{{- end }}

{{/* Namespaces Steward acts in: those of cluster environments, extra ones, and retrain Job namespaces. */}}
{{- define "steward.inferenceNamespaces" -}}
{{- $ns := list }}
{{- range .Values.environments }}
{{- if eq .target "cluster" }}{{ $ns = append $ns .namespace }}{{ end }}
{{- end }}
{{- range .Values.rbac.extraNamespaces }}{{ $ns = append $ns . }}{{ end }}
{{- $ns | uniq | toJson }}
{{- end }}

{{- define "steward.jobNamespaces" -}}
{{- .Values.retrain.jobNamespaces | uniq | toJson }}
{{- end }}
