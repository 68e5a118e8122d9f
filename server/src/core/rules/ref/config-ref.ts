import { defineRule } from '../rule';
import { locate, workloadOf, Workload } from '../../model/k8s';
import { configMapExists, nsOf, pvcExists, secretExists, serviceAccountExists } from '../../model/joins';
import type { PathSegment } from '../../syntax/yaml';
import { isRecord, isSubstituted } from './helpers';

export type ConfigRefKind = 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim' | 'ServiceAccount';

export interface ConfigRef {
  kind: ConfigRefKind;
  name: string;
  /** Path of the name field inside the workload object. */
  path: PathSegment[];
  /** Where it is used, for messages: `volume "files"`, `env DB_PASSWORD of container "php"`. */
  where: string;
  optional: boolean;
}

/** Every ConfigMap, Secret, PVC and ServiceAccount a workload's pods reference by name. */
export function configRefs(w: Workload): ConfigRef[] {
  const out: ConfigRef[] = [];
  const spec = w.podSpec;
  const base = w.podSpecPath;
  const add = (kind: ConfigRefKind, name: unknown, path: PathSegment[], where: string, optional: unknown) => {
    if (typeof name === 'string' && name) out.push({ kind, name, path, where, optional: optional === true });
  };
  if (Array.isArray(spec.volumes)) {
    spec.volumes.forEach((v, i) => {
      if (!isRecord(v)) return;
      const vp: PathSegment[] = [...base, 'volumes', i];
      const where = `volume "${typeof v.name === 'string' ? v.name : i}"`;
      if (isRecord(v.configMap)) add('ConfigMap', v.configMap.name, [...vp, 'configMap', 'name'], where, v.configMap.optional);
      if (isRecord(v.secret)) add('Secret', v.secret.secretName, [...vp, 'secret', 'secretName'], where, v.secret.optional);
      if (isRecord(v.persistentVolumeClaim)) add('PersistentVolumeClaim', v.persistentVolumeClaim.claimName, [...vp, 'persistentVolumeClaim', 'claimName'], where, false);
      const sources = isRecord(v.projected) ? v.projected.sources : undefined;
      if (Array.isArray(sources)) {
        sources.forEach((s, j) => {
          if (!isRecord(s)) return;
          const sp: PathSegment[] = [...vp, 'projected', 'sources', j];
          if (isRecord(s.configMap)) add('ConfigMap', s.configMap.name, [...sp, 'configMap', 'name'], where, s.configMap.optional);
          if (isRecord(s.secret)) add('Secret', s.secret.name, [...sp, 'secret', 'name'], where, s.secret.optional);
        });
      }
    });
  }
  for (const c of w.containers) {
    const who = `container "${c.name}"`;
    const env = c.value.env;
    if (Array.isArray(env)) {
      env.forEach((e, i) => {
        if (!isRecord(e) || !isRecord(e.valueFrom)) return;
        const ep: PathSegment[] = [...c.path, 'env', i, 'valueFrom'];
        const where = `env ${typeof e.name === 'string' ? e.name : i} of ${who}`;
        const cm = e.valueFrom.configMapKeyRef;
        const sec = e.valueFrom.secretKeyRef;
        if (isRecord(cm)) add('ConfigMap', cm.name, [...ep, 'configMapKeyRef', 'name'], where, cm.optional);
        if (isRecord(sec)) add('Secret', sec.name, [...ep, 'secretKeyRef', 'name'], where, sec.optional);
      });
    }
    const envFrom = c.value.envFrom;
    if (Array.isArray(envFrom)) {
      envFrom.forEach((e, i) => {
        if (!isRecord(e)) return;
        const ep: PathSegment[] = [...c.path, 'envFrom', i];
        const where = `envFrom of ${who}`;
        if (isRecord(e.configMapRef)) add('ConfigMap', e.configMapRef.name, [...ep, 'configMapRef', 'name'], where, e.configMapRef.optional);
        if (isRecord(e.secretRef)) add('Secret', e.secretRef.name, [...ep, 'secretRef', 'name'], where, e.secretRef.optional);
      });
    }
  }
  if (Array.isArray(spec.imagePullSecrets)) {
    spec.imagePullSecrets.forEach((s, i) => {
      if (isRecord(s)) add('Secret', s.name, [...base, 'imagePullSecrets', i, 'name'], 'imagePullSecrets', false);
    });
  }
  if (typeof spec.serviceAccountName === 'string') add('ServiceAccount', spec.serviceAccountName, [...base, 'serviceAccountName'], 'serviceAccountName', false);
  else if (typeof spec.serviceAccount === 'string') add('ServiceAccount', spec.serviceAccount, [...base, 'serviceAccount'], 'serviceAccount', false);
  return out;
}

export default defineRule({
  id: 'ref/config-ref',
  severity: 'warning',
  category: 'references',
  profile: 'restricted',
  seed: 'drupal-aks-flux: the Deployment reads Secret drupal-secrets (SOPS-encrypted) and ConfigMap drupal-env and mounts PVC drupal-files-pvc; azure-saas-aks: secrets come from Key Vault through a SecretProviderClass.',
  docs: 'Every ConfigMap, Secret, PersistentVolumeClaim and ServiceAccount a pod references (volumes, projected volumes, `env[].valueFrom`, `envFrom`, `imagePullSecrets`, `serviceAccountName`) must exist in its namespace in the workspace. A pod that references a missing one does not start.',
  details:
    'A Secret counts as existing when a `kind: Secret` (plain or SOPS-encrypted) defines it, or it is produced by an ExternalSecret (`spec.target.name`, default the ExternalSecret\'s name), a SealedSecret (its name or `spec.template.metadata.name`), a SecretProviderClass (`spec.secretObjects[].secretName`) or a kustomize `secretGenerator`. ConfigMaps count when defined or made by a `configMapGenerator`; `kube-root-ca.crt` exists in every namespace. ' +
    'References marked `optional: true` are not reported, nor is the ServiceAccount `default`, nor names with Flux `${VAR}` substitutions. ' +
    'Objects created outside the repository (by hand, by Terraform) are reported: create them from the repository, or suppress the finding with a reason.',
  messages: {
    missing: '{owner} "{workload}" references {kind} "{name}" ({where}), which does not exist in namespace "{ns}"{hint}.',
  },
  appliesTo: ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'DeploymentConfig', 'Job', 'CronJob'],
  check(obj, ctx) {
    const w = workloadOf(obj);
    if (!w) return;
    const ns = nsOf(ctx.model, obj);
    for (const ref of configRefs(w)) {
      if (ref.optional || isSubstituted(ref.name)) continue;
      const exists =
        ref.kind === 'ConfigMap' ? configMapExists(ctx.model, ns, ref.name)
        : ref.kind === 'Secret' ? secretExists(ctx.model, ns, ref.name)
        : ref.kind === 'PersistentVolumeClaim' ? pvcExists(ctx.model, ns, ref.name)
        : serviceAccountExists(ctx.model, ns, ref.name);
      if (exists) continue;
      const hint = ref.kind === 'Secret' ? ': no Secret, SOPS file, ExternalSecret, SealedSecret or SecretProviderClass in the workspace makes it' : '';
      ctx.report(locate(obj, ref.path), 'missing', { owner: obj.kind, workload: obj.name ?? '(unnamed)', where: ref.where, kind: ref.kind, name: ref.name, ns, hint });
    }
  },
});
