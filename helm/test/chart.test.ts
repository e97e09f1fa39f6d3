import { describe, expect, test, beforeAll } from 'bun:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ServicePort, SUBGRAPHS } from '@startales/contracts';
import { CHART, byKind, render, renderer, tryRender, type Rendered } from './render.ts';

/**
 * Renders helm/startales with a real Go text/template engine (Go + sprig + Helm's functions, see
 * helm/tools/render) and checks the result: values against values.schema.json, every document as YAML with
 * apiVersion/kind/name, and for every service of the repository its Deployment, Service, probes, resources, HPA,
 * PDB, ServiceAccount, ConfigMap and NetworkPolicy.
 */

/** Every service the platform runs, by its chart name (contracts' `llmRouter` is `llm-router` here). */
const SERVICES = Object.keys(ServicePort).map((s) => (s === 'llmRouter' ? 'llm-router' : s));
const portOf = (name: string) => ServicePort[(name === 'llm-router' ? 'llmRouter' : name) as keyof typeof ServicePort];
const full = (name: string) => `startales-${name}`;

let r: Rendered;
beforeAll(() => {
  renderer();
  r = render();
}, 240_000);

describe('default values', () => {
  test('render: every document parses, has apiVersion/kind/name, and no two objects share kind+name', () => {
    expect(r.manifests.length).toBeGreaterThan(50);
    const seen = new Set<string>();
    for (const { object } of r.manifests) {
      const key = `${object.kind}/${object.metadata.name}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
      expect(object.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
      expect(object.metadata.name.length).toBeLessThanOrEqual(63);
    }
  });

  test('no Secret is rendered and no value looks like a credential', () => {
    expect(r.manifests.filter((m) => m.object.kind === 'Secret')).toEqual([]);
    const values = readFileSync(join(CHART, 'values.yaml'), 'utf8');
    expect(values).not.toMatch(/sk_(live|test)_|whsec_|BEGIN [A-Z ]*PRIVATE KEY|password:\s*\S/);
    for (const cm of byKind(r, 'ConfigMap').values()) {
      for (const key of Object.keys(cm.data)) expect(key).not.toMatch(/SECRET|PASSWORD|TOKEN|PRIVATE_KEY$/);
    }
  });

  test.each(SERVICES)('%s: Deployment, Service, probes, resources, HPA, PDB, ServiceAccount, ConfigMap, NetworkPolicy', (name) => {
    const deployment = byKind(r, 'Deployment').get(full(name));
    expect(deployment).toBeDefined();
    const labels = deployment.spec.template.metadata.labels;
    expect(labels['app.kubernetes.io/component']).toBe(name);
    expect(labels['app.kubernetes.io/name']).toBe('startales');
    expect(labels['app.kubernetes.io/instance']).toBe('startales');
    expect(deployment.spec.selector.matchLabels['app.kubernetes.io/component']).toBe(name);
    // HPA owns the replica count
    expect(deployment.spec.replicas).toBeUndefined();
    expect(deployment.spec.template.metadata.annotations['checksum/config']).toMatch(/^[0-9a-f]{64}$/);

    const pod = deployment.spec.template.spec;
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.securityContext.seccompProfile.type).toBe('RuntimeDefault');
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.serviceAccountName).toBe(full(name));
    const [c] = pod.containers;
    expect(c.image).toBe(`ghcr.io/startales/startales-${name}:0.1.0`);
    expect(c.ports[0].containerPort).toBe(portOf(name));
    expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(c.startupProbe.httpGet.path).toBe('/healthz/live');
    expect(c.readinessProbe.httpGet.path).toBe('/healthz/ready');
    expect(c.livenessProbe.httpGet.path).toBe('/healthz/live');
    // three probes, three meanings: a slow start is tolerated far longer than a hung process
    expect(c.startupProbe.failureThreshold * c.startupProbe.periodSeconds).toBeGreaterThan(c.livenessProbe.failureThreshold * c.livenessProbe.periodSeconds);
    expect(c.resources.requests.cpu).toBeDefined();
    expect(c.resources.requests.memory).toBeDefined();
    expect(c.resources.limits.memory).toBeDefined();
    expect(c.envFrom[0].configMapRef.name).toBe(full(name));

    const service = byKind(r, 'Service').get(full(name));
    expect(service.spec.ports[0].port).toBe(portOf(name));
    expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);

    const hpa = byKind(r, 'HorizontalPodAutoscaler').get(full(name));
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: full(name) });
    expect(hpa.spec.metrics.some((m: { resource?: { name: string } }) => m.resource?.name === 'cpu')).toBe(true);

    const pdb = byKind(r, 'PodDisruptionBudget').get(full(name));
    expect(pdb.spec.maxUnavailable).toBe(1);
    expect(pdb.spec.selector.matchLabels).toEqual(deployment.spec.selector.matchLabels);

    expect(byKind(r, 'ServiceAccount').get(full(name)).automountServiceAccountToken).toBe(false);
    expect(byKind(r, 'ConfigMap').get(full(name)).data.PORT).toBe(String(portOf(name)));
    expect(byKind(r, 'NetworkPolicy').get(full(name)).spec.policyTypes).toEqual(['Ingress', 'Egress']);
  });

  test('gamehost also scales on campaigns per host', () => {
    const hpa = byKind(r, 'HorizontalPodAutoscaler').get(full('gamehost'));
    expect(hpa.spec.metrics).toContainEqual({ type: 'Pods', pods: { metric: { name: 'gamehost_campaigns' }, target: { type: 'AverageValue', averageValue: '200' } } });
  });

  test('a migration Job per service with a schema (subgraphs, llm-router) runs as a hook with MIGRATE_ONLY, and services do not migrate at start', () => {
    const jobs = byKind(r, 'Job');
    for (const sg of [...SUBGRAPHS, 'llm-router']) {
      const job = jobs.get(`startales-${sg}-migrate`);
      expect(job.metadata.annotations['helm.sh/hook']).toBe('post-install,pre-upgrade');
      const c = job.spec.template.spec.containers[0];
      expect(c.image).toBe(`ghcr.io/startales/startales-${sg}:0.1.0`);
      expect(c.env).toContainEqual({ name: 'MIGRATE_ONLY', value: 'true' });
      expect(c.env.find((e: { name: string }) => e.name === 'DATABASE_URL').valueFrom.secretKeyRef).toEqual({ name: 'startales-pg-app', key: 'uri' });
      // hooks run before the release's own ServiceAccounts exist: theirs is a hook too
      const sa = byKind(r, 'ServiceAccount').get(job.spec.template.spec.serviceAccountName);
      expect(Number(sa.metadata.annotations['helm.sh/hook-weight'])).toBeLessThan(Number(job.metadata.annotations['helm.sh/hook-weight']));
      expect(byKind(r, 'ConfigMap').get(full(sg)).data.DATABASE_MIGRATE).toBe('false');
    }
    // a service left out of the list migrates at start
    const without = render({ migrations: { services: ['users'] } });
    expect(byKind(without, 'Job').has('startales-llm-router-migrate')).toBe(false);
    expect(byKind(without, 'ConfigMap').get(full('llm-router')).data.DATABASE_MIGRATE).toBe('true');
  });

  test('retention CronJobs run each service with a schema (subgraphs, llm-router) with RETENTION_ONLY and the seed limits', () => {
    const crons = byKind(r, 'CronJob');
    expect([...crons.keys()].sort()).toEqual([...SUBGRAPHS, 'llm-router'].map((s) => `startales-${s}-retention`).sort());
    for (const sg of [...SUBGRAPHS, 'llm-router']) {
      const cron = crons.get(`startales-${sg}-retention`);
      expect(cron.spec.concurrencyPolicy).toBe('Forbid');
      const c = cron.spec.jobTemplate.spec.template.spec.containers[0];
      expect(c.image).toBe(`ghcr.io/startales/startales-${sg}:0.1.0`);
      expect(c.env).toContainEqual({ name: 'RETENTION_ONLY', value: 'true' });
      // the database only: no provider keys or router tokens reach the job
      expect(c.env.map((e: { name: string }) => e.name).filter((n: string) => !n.startsWith('DATABASE_'))).toEqual(['RETENTION_ONLY']);
      expect(byKind(r, 'ConfigMap').get(full(sg)).data).toMatchObject({ RETENTION_USER_DAYS: '2557', RETENTION_CAMPAIGN_DAYS: '730', RETENTION_LOG_DAYS: '90' });
    }
  });

  test('NetworkPolicies allow exactly the calls of the architecture', () => {
    const policies = byKind(r, 'NetworkPolicy');
    const peersIn = (name: string) =>
      policies.get(full(name)).spec.ingress[0].from.flatMap((f: { podSelector?: { matchLabels: Record<string, string> } }) => (f.podSelector ? [f.podSelector.matchLabels['app.kubernetes.io/component']] : [])).sort();
    const peersOut = (name: string) =>
      policies
        .get(full(name))
        .spec.egress.flatMap((e: { to?: Array<{ podSelector?: { matchLabels: Record<string, string> } }> }) => (e.to ?? []).map((t) => t.podSelector?.matchLabels['app.kubernetes.io/component']))
        .filter(Boolean)
        .sort();
    expect(peersIn('gateway')).toEqual(['web']);
    expect(peersIn('gamehost')).toEqual(['web']);
    expect(peersIn('users')).toEqual(['analytics', 'billing', 'campaigns', 'gamehost', 'gateway', 'moderation']);
    for (const sg of ['billing', 'campaigns', 'analytics', 'moderation']) expect(peersIn(sg)).toEqual(['gateway']);
    expect(peersIn('llm-router')).toEqual(['campaigns', 'gamehost', 'moderation', 'users']);
    expect(peersOut('gateway')).toEqual(['analytics', 'billing', 'campaigns', 'moderation', 'users']);
    expect(peersOut('campaigns')).toEqual(['llm-router', 'users']);
    // users draws character portraits through llm-router
    expect(peersOut('users')).toEqual(['llm-router']);
    expect(peersOut('gamehost')).toEqual(['llm-router', 'users']);
    expect(peersOut('web')).toEqual(['gamehost', 'gateway']);
    // subgraphs reach PostgreSQL (the CloudNativePG pods) and NATS; the web app neither
    const egressPorts = (name: string) => policies.get(full(name)).spec.egress.flatMap((e: { ports: Array<{ port: number }> }) => e.ports.map((p) => p.port));
    expect(egressPorts('analytics')).toEqual(expect.arrayContaining([5432, 4222]));
    expect(egressPorts('web')).toEqual([53, 53, 4000, 4020]);
    expect(egressPorts('gamehost')).not.toContain(5432);
  });

  test('Ingress exposes only the public paths', () => {
    const ingress = byKind(r, 'Ingress').get('startales');
    const paths = ingress.spec.rules[0].http.paths.map((p: { path: string; backend: { service: { name: string } } }) => `${p.path} -> ${p.backend.service.name}`);
    expect(paths).toEqual([
      '/graphql -> startales-gateway',
      '/webhooks/stripe -> startales-billing',
      '/gdpr/exports -> startales-users',
      '/media -> startales-users',
      '/ -> startales-web',
    ]);
    expect(ingress.spec.tls[0].secretName).toBe('startales-tls');
  });

  test('users: portraits drawn through llm-router, served under the public host, kept on a writable volume by default', () => {
    const data = byKind(r, 'ConfigMap').get(full('users')).data;
    expect(data).toMatchObject({ LLM_ROUTER_URL: 'http://startales-llm-router:4010', MEDIA_PUBLIC_URL: 'https://startales.example.com', OBJECT_STORAGE_DIR: '/var/lib/users/objects' });
    expect(Object.keys(data).filter((k) => k.startsWith('S3_'))).toEqual([]);
    const pod = byKind(r, 'Deployment').get(full('users')).spec.template.spec;
    const [c] = pod.containers;
    expect(c.env).toContainEqual({ name: 'LLM_ROUTER_SERVICE_TOKEN', valueFrom: { secretKeyRef: { name: 'startales-llm-router', key: 'service-token' } } });
    // the root filesystem is read-only: the object folder is a volume of its own
    expect(c.volumeMounts).toContainEqual({ name: 'objects', mountPath: data.OBJECT_STORAGE_DIR });
    expect(pod.volumes).toContainEqual({ name: 'objects', emptyDir: { sizeLimit: '2Gi' } });
    // an emptyDir is per pod: the retention job could not see it, so it does not pretend to
    const job = byKind(r, 'CronJob').get('startales-users-retention').spec.jobTemplate.spec.template.spec;
    expect(job.volumes.map((v: { name: string }) => v.name)).toEqual(['tmp']);
    expect(byKind(r, 'NetworkPolicy').has('startales-retention-users')).toBe(false);
    expect(r.notes).toContain('Character portraits are kept on an emptyDir');
  });

  test('NATS (JetStream cluster, 3 replicas, file storage) comes from the official chart; PostgreSQL from CloudNativePG', () => {
    expect(r.dependencies).toEqual([{ name: 'nats', enabled: true }, { name: 'cloudnative-pg', enabled: false }]);
    const chart = readFileSync(join(CHART, 'Chart.yaml'), 'utf8');
    expect(chart).toContain('repository: https://nats-io.github.io/k8s/helm/charts/');
    const values = Bun.YAML.parse(readFileSync(join(CHART, 'values.yaml'), 'utf8')) as { nats: { config: Record<string, Record<string, unknown>> } };
    expect(values.nats.config.cluster).toMatchObject({ enabled: true, replicas: 3 });
    expect(values.nats.config.jetstream).toMatchObject({ enabled: true, fileStore: { enabled: true } });
    expect(byKind(r, 'ConfigMap').get(full('users')).data.NATS_URL).toBe('nats://startales-nats:4222');
    const cluster = byKind(r, 'Cluster').get('startales-pg');
    expect(cluster.apiVersion).toBe('postgresql.cnpg.io/v1');
    expect(cluster.spec.instances).toBe(3);
  });

  test('read replicas are wired for the read-heavy subgraphs only', () => {
    const env = (name: string) => byKind(r, 'Deployment').get(full(name)).spec.template.spec.containers[0].env ?? [];
    expect(env('analytics').find((e: { name: string }) => e.name === 'DATABASE_REPLICA_URLS').value).toBe('postgres://$(DB_USER):$(DB_PASSWORD)@startales-pg-ro:5432/startales');
    expect(env('users').some((e: { name: string }) => e.name === 'DATABASE_REPLICA_URLS')).toBe(false);
  });
});

describe('values', () => {
  test('the schema refuses unknown keys, wrong types and a weakened security context', () => {
    for (const bad of [
      { services: { gateway: { bogus: 1 } } },
      { services: { users: { port: 'x' } } },
      { unknownTopLevel: true },
      { containerSecurityContext: { readOnlyRootFilesystem: false } },
      { podSecurityContext: { runAsNonRoot: false } },
      { database: { mode: 'sqlite' } },
      { migrations: { services: ['gateway'] } },
      { services: { web: { secretEnv: [{ name: 'lower-case', secretName: 's', key: 'k' }] } } },
      { objectStorage: { s3: { bogus: true } } },
      { objectStorage: { s3: { endpoint: 'ftp://files.example.com' } } },
      { objectStorage: { s3: { bucket: 'Not_A_Bucket' } } },
      { objectStorage: { local: { mountPath: 'relative/objects' } } },
      { objectStorage: { local: { mountPath: '/tmp/objects' } } },
      { services: { users: { mediaPublicUrl: 'cdn.example.com' } } },
      { services: { users: { mediaPublicUrl: 'https://' } } },
      // a users setting only
      { services: { billing: { mediaPublicUrl: 'https://cdn.example.com' } } },
    ]) {
      const result = tryRender(bad);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toContain("values don't meet the specifications of the schema");
    }
  });

  test('production refuses to render without the llm-router token Secret', () => {
    const result = tryRender({ llmRouter: { existingSecret: '' } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain('llmRouter.existingSecret is required');
  });

  test('external PostgreSQL and NATS, autoscaling off, no network policies', () => {
    const ext = render({
      database: { mode: 'external', external: { existingSecret: 'db', urlKey: 'url', replicaUrlsKey: 'replicas', cidr: '10.1.0.0/16' } },
      nats: { enabled: false },
      natsConnection: { externalUrl: 'nats://nats.messaging:4222' },
      services: { users: { autoscaling: { enabled: false }, replicas: 3 } },
      networkPolicy: { enabled: false },
    });
    expect(byKind(ext, 'Cluster').size).toBe(0);
    expect(byKind(ext, 'NetworkPolicy').size).toBe(0);
    expect(ext.dependencies[0]).toEqual({ name: 'nats', enabled: false });
    expect(byKind(ext, 'ConfigMap').get(full('users')).data.NATS_URL).toBe('nats://nats.messaging:4222');
    const users = byKind(ext, 'Deployment').get(full('users'));
    expect(users.spec.replicas).toBe(3);
    expect(byKind(ext, 'HorizontalPodAutoscaler').has(full('users'))).toBe(false);
    expect(users.spec.template.spec.containers[0].env).toContainEqual({ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'db', key: 'url' } } });
    const analytics = byKind(ext, 'Deployment').get(full('analytics')).spec.template.spec.containers[0].env;
    expect(analytics).toContainEqual({ name: 'DATABASE_REPLICA_URLS', valueFrom: { secretKeyRef: { name: 'db', key: 'replicas' } } });
    // with an external database the migrations can run before anything else
    expect(byKind(ext, 'Job').get('startales-users-migrate').metadata.annotations['helm.sh/hook']).toBe('pre-install,pre-upgrade');
  });

  test('users on S3: bucket settings in the ConfigMap, credentials from the Secret, egress to the endpoint, for the pods and their retention job', async () => {
    const s3 = render({
      objectStorage: { s3: { bucket: 'startales-media', endpoint: 'http://minio.storage:9000', region: 'eu-central-1', existingSecret: 'media-s3', sessionTokenKey: 'session-token', cidr: '10.40.0.0/16' } },
      services: { users: { mediaPublicUrl: 'https://cdn.example.com' } },
    });
    const data = byKind(s3, 'ConfigMap').get(full('users')).data;
    expect(data).toMatchObject({ S3_BUCKET: 'startales-media', S3_ENDPOINT: 'http://minio.storage:9000', S3_REGION: 'eu-central-1', S3_VIRTUAL_HOSTED_STYLE: 'false', MEDIA_PUBLIC_URL: 'https://cdn.example.com' });
    expect(data.OBJECT_STORAGE_DIR).toBeUndefined();
    const credentials = [
      { name: 'S3_ACCESS_KEY_ID', valueFrom: { secretKeyRef: { name: 'media-s3', key: 'access-key-id' } } },
      { name: 'S3_SECRET_ACCESS_KEY', valueFrom: { secretKeyRef: { name: 'media-s3', key: 'secret-access-key' } } },
      { name: 'S3_SESSION_TOKEN', valueFrom: { secretKeyRef: { name: 'media-s3', key: 'session-token' } } },
    ];
    const pod = byKind(s3, 'Deployment').get(full('users')).spec.template.spec;
    expect(pod.containers[0].env).toEqual(expect.arrayContaining(credentials));
    expect(pod.volumes.map((v: { name: string }) => v.name)).not.toContain('objects');
    // no other service gets the bucket or its keys
    for (const name of SERVICES.filter((n) => n !== 'users')) {
      const env = byKind(s3, 'Deployment').get(full(name)).spec.template.spec.containers[0].env ?? [];
      expect(env.filter((e: { name: string }) => e.name.startsWith('S3_'))).toEqual([]);
      expect(Object.keys(byKind(s3, 'ConfigMap').get(full(name)).data).filter((k) => k.startsWith('S3_'))).toEqual([]);
    }
    const toEndpoint = { to: [{ ipBlock: { cidr: '10.40.0.0/16' } }], ports: [{ port: 9000, protocol: 'TCP' }] };
    expect(byKind(s3, 'NetworkPolicy').get(full('users')).spec.egress).toContainEqual(toEndpoint);
    // users' retention job deletes leftover objects too: the same bucket, keys and endpoint, and only that job
    const job = byKind(s3, 'CronJob').get('startales-users-retention').spec.jobTemplate.spec.template.spec;
    expect(job.containers[0].env).toEqual(expect.arrayContaining(credentials));
    const jobPolicy = byKind(s3, 'NetworkPolicy').get('startales-retention-users');
    expect(jobPolicy.spec.podSelector.matchLabels).toMatchObject({ 'app.kubernetes.io/component': 'retention', 'startales.io/service': 'users' });
    expect(jobPolicy.spec.egress).toEqual([toEndpoint]);
    expect(byKind(s3, 'CronJob').get('startales-users-retention').spec.jobTemplate.spec.template.metadata.labels['startales.io/service']).toBe('users');
    const billingJob = byKind(s3, 'CronJob').get('startales-billing-retention').spec.jobTemplate.spec.template.spec.containers[0];
    expect(billingJob.env.filter((e: { name: string }) => e.name.startsWith('S3_'))).toEqual([]);
    expect(s3.notes).not.toContain('emptyDir');

    // what users makes of it: its own config.ts and kit's storage factory pick S3
    const env: Record<string, string> = { ...data, DATABASE_URL: 'postgres://x@y/z', LLM_ROUTER_SERVICE_TOKEN: 't', S3_ACCESS_KEY_ID: 'AKIA', S3_SECRET_ACCESS_KEY: 's', S3_SESSION_TOKEN: 'st' };
    const { loadConfig } = await import('../../subgraphs/users/src/config.ts');
    const { createObjectStorage } = await import('@startales/kit');
    const config = loadConfig(env);
    expect(config.MEDIA_PUBLIC_URL).toBe('https://cdn.example.com');
    expect(createObjectStorage(config).kind).toBe('s3');
    expect(createObjectStorage(loadConfig({ ...byKind(r, 'ConfigMap').get(full('users')).data, DATABASE_URL: 'postgres://x@y/z' })).kind).toBe('local');

    // AWS itself: no endpoint, HTTPS to the internet (the private ranges excepted)
    const aws = render({ objectStorage: { s3: { bucket: 'startales-media', region: 'eu-central-1' } } });
    expect(byKind(aws, 'ConfigMap').get(full('users')).data.S3_ENDPOINT).toBeUndefined();
    expect(byKind(aws, 'NetworkPolicy').get('startales-retention-users').spec.egress).toEqual([
      { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] } }], ports: [{ port: 443, protocol: 'TCP' }] },
    ]);
    // no Secret named: no credential variables (the pod's own AWS_* then apply)
    expect(byKind(aws, 'Deployment').get(full('users')).spec.template.spec.containers[0].env.filter((e: { name: string }) => e.name.startsWith('S3_'))).toEqual([]);
  });

  test('users on an existing claim: the pods and the retention job mount it at OBJECT_STORAGE_DIR', () => {
    const pvc = render({ objectStorage: { local: { existingClaim: 'startales-portraits', mountPath: '/data/objects' } } });
    expect(byKind(pvc, 'ConfigMap').get(full('users')).data.OBJECT_STORAGE_DIR).toBe('/data/objects');
    const volume = { name: 'objects', persistentVolumeClaim: { claimName: 'startales-portraits' } };
    const pod = byKind(pvc, 'Deployment').get(full('users')).spec.template.spec;
    expect(pod.volumes).toContainEqual(volume);
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'objects', mountPath: '/data/objects' });
    const job = byKind(pvc, 'CronJob').get('startales-users-retention').spec.jobTemplate.spec.template.spec;
    expect(job.volumes).toContainEqual(volume);
    expect(job.containers[0].volumeMounts).toContainEqual({ name: 'objects', mountPath: '/data/objects' });
    expect(pvc.notes).not.toContain('emptyDir');
    // other services never mount it
    for (const name of SERVICES.filter((n) => n !== 'users')) {
      expect((byKind(pvc, 'Deployment').get(full(name)).spec.template.spec.volumes ?? []).map((v: { name: string }) => v.name)).not.toContain('objects');
    }
  });

  test('NATS must be named when the subchart is off', () => {
    const result = tryRender({ nats: { enabled: false } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain('natsConnection.externalUrl is required');
  });

  test('a config change changes checksum/config of that service only', () => {
    const changed = render({ services: { billing: { env: { STRIPE_TIMEOUT_MS: '5000' } } } });
    const sum = (x: Rendered, name: string) => byKind(x, 'Deployment').get(full(name)).spec.template.metadata.annotations['checksum/config'];
    expect(sum(changed, 'billing')).not.toBe(sum(r, 'billing'));
    expect(sum(changed, 'users')).toBe(sum(r, 'users'));
  });

  test("every service accepts its rendered configuration (its own config.ts parses ConfigMap + Secret env)", async () => {
    const root = join(import.meta.dir, '..', '..');
    const dirs: Record<string, string> = {
      users: 'subgraphs/users', billing: 'subgraphs/billing', campaigns: 'subgraphs/campaigns', analytics: 'subgraphs/analytics',
      moderation: 'subgraphs/moderation', gateway: 'supergraph', 'llm-router': 'llm-router', gamehost: 'gamehost', web: 'web/src/server',
    };
    const fakeSecrets: Record<string, string> = {
      DATABASE_URL: 'postgres://startales:pw@startales-pg-rw:5432/startales',
      DB_USER: 'startales',
      DB_PASSWORD: 'pw',
      LLM_ROUTER_SERVICE_TOKEN: 'svc-token',
      LLM_ROUTER_ADMIN_TOKEN: 'admin-token',
    };
    for (const [name, dir] of Object.entries(dirs)) {
      const configFile = dir.endsWith('/server') ? join(root, dir, 'config.ts') : join(root, dir, 'src', 'config.ts');
      if (!(await Bun.file(configFile).exists())) continue;
      const data = byKind(r, 'ConfigMap').get(full(name)).data as Record<string, string>;
      const podEnv = (byKind(r, 'Deployment').get(full(name)).spec.template.spec.containers[0].env ?? []) as Array<{ name: string; value?: string }>;
      const env: Record<string, string> = { ...data };
      for (const e of podEnv) env[e.name] = e.value !== undefined ? e.value.replace(/\$\((\w+)\)/g, (_, v: string) => fakeSecrets[v] ?? env[v] ?? 'x') : (fakeSecrets[e.name] ?? 'x');
      const { loadConfig } = (await import(configFile)) as { loadConfig: (source: Record<string, string>) => unknown };
      expect(() => loadConfig(env)).not.toThrow();
      // the migration Job runs the same image with only its own environment (no ConfigMap, no service Secrets)
      const job = byKind(r, 'Job').get(`${full(name)}-migrate`);
      if (job) {
        const jobEnv: Record<string, string> = {};
        for (const e of job.spec.template.spec.containers[0].env as Array<{ name: string; value?: string }>) {
          jobEnv[e.name] = e.value ?? fakeSecrets[e.name] ?? 'x';
        }
        expect(jobEnv.NODE_ENV).toBe('production');
        expect(() => loadConfig(jobEnv)).not.toThrow();
      }
    }
  });
});
