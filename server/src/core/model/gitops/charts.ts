// Helm charts that install CustomResourceDefinitions: a Flux HelmRelease of one
// of them makes its Kustomization the provider of those API groups, so a
// Kustomization that applies such objects must depend on it. Matched on the
// chart name (the last path segment of an OCI reference).

export interface ChartCrds {
  /** API groups whose kinds the chart installs (every kind of the group). */
  groups: string[];
  /** Values that turn the CRDs off (`installCRDs: false`), as dotted paths. */
  switches?: string[];
}

const TRAEFIK_GROUPS = ['traefik.io', 'traefik.containo.us'];
const FLUX_GROUPS = [
  'source.toolkit.fluxcd.io', 'kustomize.toolkit.fluxcd.io', 'helm.toolkit.fluxcd.io',
  'notification.toolkit.fluxcd.io', 'image.toolkit.fluxcd.io',
];

export const KNOWN_CHARTS: Record<string, ChartCrds> = {
  'cert-manager': { groups: ['cert-manager.io', 'acme.cert-manager.io'], switches: ['installCRDs', 'crds.enabled'] },
  traefik: { groups: TRAEFIK_GROUPS },
  'traefik-crds': { groups: TRAEFIK_GROUPS },
  'external-secrets': { groups: ['external-secrets.io', 'generators.external-secrets.io'], switches: ['installCRDs'] },
  'sealed-secrets': { groups: ['bitnami.com'] },
  'kube-prometheus-stack': { groups: ['monitoring.coreos.com'], switches: ['crds.enabled'] },
  'prometheus-operator': { groups: ['monitoring.coreos.com'] },
  'prometheus-operator-crds': { groups: ['monitoring.coreos.com'] },
  kyverno: { groups: ['kyverno.io', 'wgpolicyk8s.io', 'reports.kyverno.io'] },
  'secrets-store-csi-driver': { groups: ['secrets-store.csi.x-k8s.io'] },
  'csi-secrets-store-provider-azure': { groups: ['secrets-store.csi.x-k8s.io'] },
  keda: { groups: ['keda.sh', 'eventing.keda.sh'] },
  velero: { groups: ['velero.io'] },
  'argo-cd': { groups: ['argoproj.io'] },
  'argo-rollouts': { groups: ['argoproj.io'] },
  'argo-workflows': { groups: ['argoproj.io'] },
  metallb: { groups: ['metallb.io'] },
  cilium: { groups: ['cilium.io'] },
  longhorn: { groups: ['longhorn.io'] },
  'cloudnative-pg': { groups: ['postgresql.cnpg.io'] },
  'tf-controller': { groups: ['infra.contrib.fluxcd.io'] },
  flux2: { groups: FLUX_GROUPS },
};

/** The chart name from `spec.chart.spec.chart` (or an OCI URL): its last path segment. */
export function chartBaseName(chart: string): string {
  const clean = chart.replace(/[:@][^/]*$/, '');
  return clean.slice(clean.lastIndexOf('/') + 1);
}

/** API groups a HelmRelease's chart installs, honouring the chart's CRD switches in `values`. */
export function chartCrdGroups(chart: string, values: unknown): string[] {
  const known = KNOWN_CHARTS[chartBaseName(chart)];
  if (!known) return [];
  for (const sw of known.switches ?? []) {
    let cur: unknown = values;
    for (const seg of sw.split('.')) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[seg] : undefined;
    if (cur === false || cur === 'false') return [];
  }
  return known.groups;
}
