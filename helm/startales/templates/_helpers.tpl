{{/* Chart name (63 characters at most). */}}
{{- define "startales.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Full name: `<release>-<chart>` unless the release name already contains the chart name. */}}
{{- define "startales.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "startales.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels of every resource; call with (dict "root" $ "component" "users"). */}}
{{- define "startales.labels" -}}
helm.sh/chart: {{ include "startales.chart" .root }}
{{ include "startales.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: startales
{{- end -}}

{{/* Selector labels; `component` is the service. */}}
{{- define "startales.selectorLabels" -}}
app.kubernetes.io/name: {{ include "startales.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- if .component }}
app.kubernetes.io/component: {{ .component }}
{{- end }}
{{- end -}}

{{/* Resource name of a service: `<fullname>-<service>`. */}}
{{- define "startales.componentName" -}}
{{- printf "%s-%s" (include "startales.fullname" .root) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The five subgraphs. */}}
{{- define "startales.subgraphs" -}}
users billing campaigns analytics moderation
{{- end -}}

{{/* "true" when the service is a subgraph (PostgreSQL schema, migrations, retention). */}}
{{- define "startales.isSubgraph" -}}
{{- if has .component (splitList " " (include "startales.subgraphs" .root)) -}}true{{- end -}}
{{- end -}}

{{/* "true" when the service uses PostgreSQL. */}}
{{- define "startales.usesDatabase" -}}
{{- if or (include "startales.isSubgraph" .) (eq .component "llm-router") -}}true{{- end -}}
{{- end -}}

{{/* "true" when the service uses NATS. */}}
{{- define "startales.usesNats" -}}
{{- if or (include "startales.usesDatabase" .) (eq .component "gamehost") -}}true{{- end -}}
{{- end -}}

{{/* "true" when the service calls llm-router. */}}
{{- define "startales.callsLlmRouter" -}}
{{- if has .component (list "users" "campaigns" "moderation" "gamehost") -}}true{{- end -}}
{{- end -}}

{{/* "true" when the service verifies access tokens against users' JWKS. */}}
{{- define "startales.verifiesTokens" -}}
{{- if has .component (list "gateway" "billing" "campaigns" "analytics" "moderation" "gamehost") -}}true{{- end -}}
{{- end -}}

{{/* Image of a service. */}}
{{- define "startales.image" -}}
{{- $svc := index .root.Values.services .component -}}
{{- $img := $svc.image | default dict -}}
{{- $repo := get $img "repository" | default (printf "%s%s" .root.Values.image.repositoryPrefix .component) -}}
{{- $tag := get $img "tag" | default .root.Values.image.tag | default .root.Chart.AppVersion -}}
{{- if .root.Values.image.registry -}}
{{- printf "%s/%s:%s" .root.Values.image.registry $repo $tag -}}
{{- else -}}
{{- printf "%s:%s" $repo $tag -}}
{{- end -}}
{{- end -}}

{{/* In-cluster base URL of a service. */}}
{{- define "startales.serviceUrl" -}}
{{- $svc := index .root.Values.services .component -}}
{{- printf "http://%s:%v" (include "startales.componentName" .) $svc.port -}}
{{- end -}}

{{/* NATS URL: the subchart's client Service, or the external one. */}}
{{- define "startales.natsUrl" -}}
{{- if .Values.nats.enabled -}}
{{- printf "nats://%s-nats:4222" .Release.Name -}}
{{- else -}}
{{- required "natsConnection.externalUrl is required when nats.enabled is false" .Values.natsConnection.externalUrl -}}
{{- end -}}
{{- end -}}

{{/* Name of the CloudNativePG cluster. */}}
{{- define "startales.cnpgCluster" -}}
{{- printf "%s-pg" (include "startales.fullname" .) | trunc 50 | trimSuffix "-" -}}
{{- end -}}

{{/* Public base URL (https://<ingress.host>). */}}
{{- define "startales.publicUrl" -}}
{{- printf "%s://%s" (ternary "https" "http" .Values.ingress.tls.enabled) .Values.ingress.host -}}
{{- end -}}

{{/*
Plain (non-secret) configuration of a service, rendered into its ConfigMap; its sha256 is the pod's
`checksum/config` annotation, so a change rolls the pods. Call with (dict "root" $ "component" "users").
*/}}
{{- define "startales.configData" -}}
{{- $root := .root -}}
{{- $name := .component -}}
{{- $svc := index $root.Values.services $name -}}
NODE_ENV: {{ $root.Values.nodeEnv | quote }}
LOG_LEVEL: {{ $root.Values.logLevel | quote }}
HOST: "0.0.0.0"
PORT: {{ $svc.port | quote }}
SHUTDOWN_TIMEOUT_MS: {{ $root.Values.shutdownTimeoutMs | quote }}
APOLLO_TELEMETRY_DISABLED: "true"
BUN_RUNTIME_TRANSPILER_CACHE_PATH: "0"
{{- with $root.Values.telemetry.otlpEndpoint }}
OTEL_EXPORTER_OTLP_ENDPOINT: {{ . | quote }}
OTEL_TRACES_SAMPLER: {{ $root.Values.telemetry.sampler | quote }}
{{- with $root.Values.telemetry.samplerArg }}
OTEL_TRACES_SAMPLER_ARG: {{ . | quote }}
{{- end }}
{{- end }}
{{- if ne $name "web" }}
JWT_ISSUER: {{ $root.Values.auth.issuer | quote }}
JWT_AUDIENCE: {{ $root.Values.auth.audience | quote }}
JWKS_URL: {{ printf "%s/.well-known/jwks.json" (include "startales.serviceUrl" (dict "root" $root "component" "users")) | quote }}
{{- end }}
{{- if include "startales.usesNats" . }}
NATS_URL: {{ include "startales.natsUrl" $root | quote }}
NATS_NAMESPACE: {{ $root.Values.natsConnection.namespace | quote }}
{{- end }}
{{- if include "startales.usesDatabase" . }}
DATABASE_POOL_MAX: {{ $root.Values.database.poolMax | quote }}
DATABASE_MIGRATE: {{ ternary "false" "true" (and $root.Values.migrations.enabled (has $name $root.Values.migrations.services)) | quote }}
RETENTION_USER_DAYS: {{ $root.Values.retention.userDays | quote }}
RETENTION_CAMPAIGN_DAYS: {{ $root.Values.retention.campaignDays | quote }}
RETENTION_LOG_DAYS: {{ $root.Values.retention.logDays | quote }}
RETENTION_BATCH_SIZE: {{ $root.Values.retention.batchSize | quote }}
{{- end }}
{{- if include "startales.callsLlmRouter" . }}
LLM_ROUTER_URL: {{ include "startales.serviceUrl" (dict "root" $root "component" "llm-router") | quote }}
{{- end }}
{{- if eq $name "gateway" }}
{{- range $sg := splitList " " (include "startales.subgraphs" $root) }}
SUBGRAPH_{{ upper $sg }}_URL: {{ printf "%s/graphql" (include "startales.serviceUrl" (dict "root" $root "component" $sg)) | quote }}
{{- end }}
{{- if and (not $root.Values.redis.url) (not $root.Values.redis.existingSecret) }}
RATE_LIMIT_ENABLED: "false"
{{- else if $root.Values.redis.url }}
REDIS_URL: {{ $root.Values.redis.url | quote }}
{{- end }}
{{- end }}
{{- if eq $name "users" }}
USERS_PUBLIC_URL: {{ include "startales.publicUrl" $root | quote }}
MEDIA_PUBLIC_URL: {{ $svc.mediaPublicUrl | default (include "startales.publicUrl" $root) | quote }}
{{- include "startales.objectStorageConfig" $root }}
WEB_APP_URL: {{ include "startales.publicUrl" $root | quote }}
OAUTH_REDIRECT_ORIGINS: {{ include "startales.publicUrl" $root | quote }}
GDPR_SERVICES: {{ join "," (list "users" "billing" "campaigns" "analytics" "moderation" "llm-router") | quote }}
{{- end }}
{{- if eq $name "billing" }}
WEB_APP_URL: {{ include "startales.publicUrl" $root | quote }}
{{- end }}
{{- if eq $name "gamehost" }}
SNAPSHOT_STORE: {{ $svc.snapshotStore | quote }}
DATA_DIR: "/var/lib/gamehost"
{{- end }}
{{- if eq $name "web" }}
GATEWAY_URL: {{ printf "%s/graphql" (include "startales.serviceUrl" (dict "root" $root "component" "gateway")) | quote }}
GAMEHOST_URL: {{ include "startales.serviceUrl" (dict "root" $root "component" "gamehost") | quote }}
WEB_PUBLIC_URL: {{ include "startales.publicUrl" $root | quote }}
WEB_BUILD: "never"
WEB_DATA_DIR: "/var/lib/web"
{{- end }}
{{- range $k, $v := $svc.env }}
{{ $k }}: {{ $v | toString | quote }}
{{- end }}
{{- end -}}

{{/* Environment variables from Secrets for a service (secretEnv + the chart's own references). */}}
{{- define "startales.secretEnv" -}}
{{- $root := .root -}}
{{- $name := .component -}}
{{- $svc := index $root.Values.services $name -}}
{{- if include "startales.usesDatabase" . }}
{{- include "startales.databaseEnv" . }}
{{- end }}
{{- if and (eq $name "gateway") $root.Values.redis.existingSecret (not $root.Values.redis.url) }}
- name: REDIS_URL
  valueFrom:
    secretKeyRef: { name: {{ $root.Values.redis.existingSecret | quote }}, key: {{ $root.Values.redis.urlKey | quote }} }
{{- end }}
{{- if and (or (include "startales.callsLlmRouter" .) (eq $name "llm-router")) $root.Values.llmRouter.existingSecret }}
- name: LLM_ROUTER_SERVICE_TOKEN
  valueFrom:
    secretKeyRef: { name: {{ $root.Values.llmRouter.existingSecret | quote }}, key: {{ $root.Values.llmRouter.serviceTokenKey | quote }} }
{{- end }}
{{- if and (eq $name "llm-router") $root.Values.llmRouter.existingSecret }}
- name: LLM_ROUTER_ADMIN_TOKEN
  valueFrom:
    secretKeyRef: { name: {{ $root.Values.llmRouter.existingSecret | quote }}, key: {{ $root.Values.llmRouter.adminTokenKey | quote }} }
{{- end }}
{{- if eq $name "users" }}
{{- include "startales.objectStorageSecretEnv" $root }}
{{- end }}
{{- if and (eq $name "users") $root.Values.auth.signingKeySecret }}
- name: JWT_PRIVATE_KEY_FILE
  value: /var/run/secrets/startales/jwt/{{ $root.Values.auth.signingKeySecretKey }}
{{- end }}
{{- range $svc.secretEnv }}
- name: {{ .name }}
  valueFrom:
    secretKeyRef: { name: {{ .secretName | quote }}, key: {{ .key | quote }} }
{{- end }}
{{- end -}}

{{/*
DATABASE_URL (and DATABASE_REPLICA_URLS for the read-heavy services) from the CloudNativePG app Secret or the
external Secret. Kubernetes expands $(VAR) from variables defined earlier in the same list.
*/}}
{{- define "startales.databaseEnv" -}}
{{- $root := .root -}}
{{- $name := .component -}}
{{- $replicas := has $name $root.Values.database.readReplicas.services -}}
{{- if eq $root.Values.database.mode "cnpg" }}
{{- $cluster := include "startales.cnpgCluster" $root }}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef: { name: {{ printf "%s-app" $cluster | quote }}, key: uri }
{{- if and $replicas (gt (int $root.Values.database.cnpg.instances) 1) }}
- name: DB_USER
  valueFrom:
    secretKeyRef: { name: {{ printf "%s-app" $cluster | quote }}, key: username }
- name: DB_PASSWORD
  valueFrom:
    secretKeyRef: { name: {{ printf "%s-app" $cluster | quote }}, key: password }
- name: DATABASE_REPLICA_URLS
  value: {{ printf "postgres://$(DB_USER):$(DB_PASSWORD)@%s-ro:5432/%s" $cluster $root.Values.database.cnpg.database | quote }}
{{- end }}
{{- else }}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef: { name: {{ $root.Values.database.external.existingSecret | quote }}, key: {{ $root.Values.database.external.urlKey | quote }} }
{{- if and $replicas $root.Values.database.external.replicaUrlsKey }}
- name: DATABASE_REPLICA_URLS
  valueFrom:
    secretKeyRef: { name: {{ $root.Values.database.external.existingSecret | quote }}, key: {{ $root.Values.database.external.replicaUrlsKey | quote }} }
{{- end }}
{{- end }}
{{- end -}}

{{/* NetworkPolicy egress rule to PostgreSQL (the CloudNativePG pods, or the external database). */}}
{{- define "startales.databaseEgress" -}}
{{- if eq .Values.database.mode "cnpg" -}}
- to:
    - podSelector:
        matchLabels:
          cnpg.io/cluster: {{ include "startales.cnpgCluster" . }}
  ports:
    - { port: 5432, protocol: TCP }
{{- else -}}
- {{ if .Values.database.external.cidr }}to:
    - ipBlock: { cidr: {{ .Values.database.external.cidr }} }
  {{ end }}ports:
    - { port: {{ .Values.database.external.port }}, protocol: TCP }
{{- end -}}
{{- end -}}

{{/* NetworkPolicy egress rule to NATS (the subchart's pods, or the external servers). */}}
{{- define "startales.natsEgress" -}}
{{- if .Values.nats.enabled -}}
- to:
    - podSelector:
        matchLabels:
          app.kubernetes.io/name: nats
          app.kubernetes.io/instance: {{ .Release.Name }}
  ports:
    - { port: 4222, protocol: TCP }
{{- else -}}
- {{ if .Values.natsConnection.externalCidr }}to:
    - ipBlock: { cidr: {{ .Values.natsConnection.externalCidr }} }
  {{ end }}ports:
    - { port: 4222, protocol: TCP }
{{- end -}}
{{- end -}}

{{/* NetworkPolicy egress rule to the OTLP/HTTP collector. */}}
{{- define "startales.otlpEgress" -}}
- {{ if .Values.networkPolicy.otlpCidr }}to:
    - ipBlock: { cidr: {{ .Values.networkPolicy.otlpCidr }} }
  {{ end }}ports:
    - { port: 4318, protocol: TCP }
{{- end -}}

{{/* Per-pod environment: the gamehost's identity from the downward API, then the Secret references. */}}
{{- define "startales.podEnv" -}}
{{- $svc := index .root.Values.services .component -}}
{{- if eq .component "gamehost" }}
- name: POD_NAME
  valueFrom:
    fieldRef: { fieldPath: metadata.name }
- name: POD_IP
  valueFrom:
    fieldRef: { fieldPath: status.podIP }
- name: HOST_ID
  value: $(POD_NAME)
- name: PUBLIC_URL
  value: {{ printf "http://$(POD_IP):%v" $svc.port | quote }}
{{- end }}
{{- include "startales.secretEnv" . }}
{{- end -}}


{{/*
Object storage of the users service (character portraits): an S3-compatible bucket when `objectStorage.s3.bucket` is
set, otherwise a folder on the `objects` volume (the root filesystem is read-only).
*/}}
{{- define "startales.objectStorageConfig" -}}
{{- $s3 := .Values.objectStorage.s3 -}}
{{- if $s3.bucket }}
S3_BUCKET: {{ $s3.bucket | quote }}
{{- with $s3.endpoint }}
S3_ENDPOINT: {{ . | quote }}
{{- end }}
{{- with $s3.region }}
S3_REGION: {{ . | quote }}
{{- end }}
S3_VIRTUAL_HOSTED_STYLE: {{ $s3.virtualHostedStyle | toString | quote }}
{{- else }}
OBJECT_STORAGE_DIR: {{ .Values.objectStorage.local.mountPath | quote }}
{{- end }}
{{- end -}}

{{/* The S3 credentials from `objectStorage.s3.existingSecret` (users and its retention job). */}}
{{- define "startales.objectStorageSecretEnv" -}}
{{- $s3 := .Values.objectStorage.s3 -}}
{{- if and $s3.bucket $s3.existingSecret }}
- name: S3_ACCESS_KEY_ID
  valueFrom:
    secretKeyRef: { name: {{ $s3.existingSecret | quote }}, key: {{ $s3.accessKeyIdKey | quote }} }
- name: S3_SECRET_ACCESS_KEY
  valueFrom:
    secretKeyRef: { name: {{ $s3.existingSecret | quote }}, key: {{ $s3.secretAccessKeyKey | quote }} }
{{- with $s3.sessionTokenKey }}
- name: S3_SESSION_TOKEN
  valueFrom:
    secretKeyRef: { name: {{ $s3.existingSecret | quote }}, key: {{ . | quote }} }
{{- end }}
{{- end }}
{{- end -}}

{{/* The `objects` volume holding users' local object folder: an existing PVC, or an emptyDir per pod. */}}
{{- define "startales.objectsVolume" -}}
{{- $local := .Values.objectStorage.local -}}
- name: objects
  {{- if $local.existingClaim }}
  persistentVolumeClaim:
    claimName: {{ $local.existingClaim }}
  {{- else }}
  emptyDir:
    sizeLimit: {{ $local.sizeLimit }}
  {{- end }}
{{- end -}}

{{/* Port of the S3 endpoint: the one in its URL, else 443 (https, or AWS when no endpoint is set) or 80 (http). */}}
{{- define "startales.s3Port" -}}
{{- $endpoint := .Values.objectStorage.s3.endpoint -}}
{{- if $endpoint -}}
{{- $url := urlParse $endpoint -}}
{{- $port := regexFind ":[0-9]+$" $url.host | trimPrefix ":" -}}
{{- $port | default (ternary "443" "80" (eq $url.scheme "https")) -}}
{{- else -}}
443
{{- end -}}
{{- end -}}

{{/* NetworkPolicy egress rule to the S3 endpoint: its CIDR, or the internet (externalCidr minus exceptCidrs). */}}
{{- define "startales.s3Egress" -}}
{{- $s3 := .Values.objectStorage.s3 -}}
- to:
    - ipBlock:
        cidr: {{ $s3.cidr | default .Values.networkPolicy.externalCidr }}
        {{- if and (not $s3.cidr) .Values.networkPolicy.exceptCidrs }}
        except:
          {{- toYaml .Values.networkPolicy.exceptCidrs | nindent 10 }}
        {{- end }}
  ports:
    - { port: {{ include "startales.s3Port" . }}, protocol: TCP }
{{- end -}}
