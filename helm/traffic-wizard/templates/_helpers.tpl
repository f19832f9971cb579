{{/* Chart name, truncated to the 63 characters of a DNS label. */}}
{{- define "traffic-wizard.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Full name: the release name, plus the chart name unless the release name contains it. */}}
{{- define "traffic-wizard.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Name of cluster-scoped objects: unique per release namespace, since they are not namespaced. */}}
{{- define "traffic-wizard.clusterName" -}}
{{- printf "%s-%s" .Release.Namespace (include "traffic-wizard.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "traffic-wizard.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "traffic-wizard.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "traffic-wizard.selectorLabels" -}}
app.kubernetes.io/name: {{ include "traffic-wizard.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "traffic-wizard.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "traffic-wizard.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* "true" when the pod talks to the API server with its service account. */}}
{{- define "traffic-wizard.inCluster" -}}
{{- if has .Values.cluster.mode (list "in-cluster" "auto") }}true{{ end }}
{{- end }}

{{/* The Secret the chart creates (users' hashes, OIDC client secret). */}}
{{- define "traffic-wizard.secretName" -}}
{{- include "traffic-wizard.fullname" . }}
{{- end }}

{{/* "true" when the chart has to create its Secret. */}}
{{- define "traffic-wizard.createSecret" -}}
{{- if or (and .Values.users (not .Values.existingUsersSecret)) (and .Values.oidc.enabled (not .Values.oidc.existingSecret)) }}true{{ end }}
{{- end }}

{{/* The key holding a user's password hash: passwordKey, else "<name>.password". */}}
{{- define "traffic-wizard.passwordKey" -}}
{{- $key := default (printf "%s.password" .name) .passwordKey }}
{{- if not (regexMatch "^[-._a-zA-Z0-9]+$" $key) }}
{{- fail (printf "users: %q is not a valid Secret key; set passwordKey for user %q" $key .name) }}
{{- end }}
{{- $key }}
{{- end }}

{{/* A list value (or an already comma-separated string) as "a,b,c". */}}
{{- define "traffic-wizard.csv" -}}
{{- if kindIs "slice" . }}{{ join "," . }}{{ else }}{{ . }}{{ end }}
{{- end }}

{{/* Checks the values and stops with a clear message. Renders nothing. */}}
{{- define "traffic-wizard.validate" -}}
{{- if not (has .Values.cluster.mode (list "in-cluster" "kubeconfig" "demo" "auto")) }}
{{- fail (printf "cluster.mode must be in-cluster, kubeconfig, demo or auto, not %q" .Values.cluster.mode) }}
{{- end }}
{{- if and (eq .Values.cluster.mode "kubeconfig") (not .Values.cluster.kubeconfig.existingSecret) }}
{{- fail "cluster.mode=kubeconfig needs cluster.kubeconfig.existingSecret (a Secret holding the kubeconfig)" }}
{{- end }}
{{- range $i, $u := .Values.users }}
{{- if not $u.name }}
{{- fail (printf "users[%d] needs a name" $i) }}
{{- end }}
{{- if not $u.roles }}
{{- fail (printf "users[%d] (%s) needs at least one role: VIEWER, OPERATOR or ADMIN" $i $u.name) }}
{{- end }}
{{- range (splitList "," (include "traffic-wizard.csv" $u.roles)) }}
{{- if not (has (trim .) (list "VIEWER" "OPERATOR" "ADMIN")) }}
{{- fail (printf "users[%d] (%s): unknown role %q (VIEWER, OPERATOR or ADMIN)" $i $u.name .) }}
{{- end }}
{{- end }}
{{- if $.Values.existingUsersSecret }}
{{- if $u.password }}
{{- fail (printf "users[%d] (%s): existingUsersSecret is set, so the hash belongs in that Secret, not in values" $i $u.name) }}
{{- end }}
{{- else if not (regexMatch "^(\\{bcrypt\\})?\\$2[aby]?\\$" (default "" $u.password)) }}
{{- fail (printf "users[%d] (%s): password must be a BCrypt hash ($2a$..., $2b$..., $2y$...), never the password itself" $i $u.name) }}
{{- end }}
{{- end }}
{{- with .Values.metrics.prometheus }}
{{- if and .url .existingSecret }}
{{- fail "metrics.prometheus: set url or existingSecret, not both" }}
{{- end }}
{{- if and .url (not (regexMatch "^https?://[^/@]+(/.*)?$" .url)) }}
{{- fail "metrics.prometheus.url must be an http(s) URL without credentials (they would land in the ConfigMap); put a URL with credentials in a Secret named by metrics.prometheus.existingSecret" }}
{{- end }}
{{- end }}
{{- if .Values.oidc.enabled }}
{{- if or (not .Values.oidc.issuerUri) (not .Values.oidc.clientId) }}
{{- fail "oidc.enabled needs oidc.issuerUri and oidc.clientId" }}
{{- end }}
{{- if and (not .Values.oidc.clientSecret) (not .Values.oidc.existingSecret) }}
{{- fail "oidc.enabled needs oidc.clientSecret or oidc.existingSecret" }}
{{- end }}
{{- if not (regexMatch "^[a-z0-9]+$" .Values.oidc.registrationId) }}
{{- fail "oidc.registrationId: lower-case letters and digits only (it is part of an environment variable name)" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
RBAC rules for what Traffic Wizard reads and writes inside a namespace: deployments read-only;
services read-write (under the Gateway API each version gets a Service of its own, <service>-<version>,
which Traffic Wizard creates, labels as managed and removes; it never writes a Service it does not
manage); Istio routing, Gateway API routing (HTTPRoute, Gateway, ReferenceGrant) and ConfigMaps
(history, review links) read-write. No patch, no "*".
*/}}
{{- define "traffic-wizard.namespacedRules" -}}
- apiGroups: [""]
  resources: [services]
  verbs: [get, list, watch, create, update, delete]
- apiGroups: [apps]
  resources: [deployments]
  verbs: [get, list, watch]
- apiGroups: [networking.istio.io]
  resources: [virtualservices, destinationrules, gateways]
  verbs: [get, list, watch, create, update, delete]
- apiGroups: [gateway.networking.k8s.io]
  resources: [httproutes, gateways, referencegrants]
  verbs: [get, list, watch, create, update, delete]
- apiGroups: [""]
  resources: [configmaps]
  verbs: [get, list, watch, create, update, delete]
{{- end }}

{{/*
Reading whether the Gateway API is installed: only the two CRDs Traffic Wizard looks for.
*/}}
{{- define "traffic-wizard.crdRules" -}}
- apiGroups: [apiextensions.k8s.io]
  resources: [customresourcedefinitions]
  resourceNames: [httproutes.gateway.networking.k8s.io, gateways.gateway.networking.k8s.io]
  verbs: [get]
{{- end }}
