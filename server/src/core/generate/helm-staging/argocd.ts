// apps/staging/: the Argo CD AppProject and the two Applications of the seed
// (flask-backend, nginx-frontend), both following the staging branch.
import { APPS_DIR, BACKEND_DIR, FRONTEND_DIR, HelmStagingInput, kustomization, N } from './common';

/** Kinds the Applications may create: the project refuses anything else. */
const NAMESPACED_KINDS: readonly (readonly [string, string])[] = [
  ['', 'ConfigMap'],
  ['', 'Service'],
  ['', 'ServiceAccount'],
  ['apps', 'Deployment'],
  ['apps', 'StatefulSet'],
  ['autoscaling', 'HorizontalPodAutoscaler'],
  ['policy', 'PodDisruptionBudget'],
  ['networking.k8s.io', 'Ingress'],
  ['networking.k8s.io', 'NetworkPolicy'],
  ['rbac.authorization.k8s.io', 'Role'],
  ['rbac.authorization.k8s.io', 'RoleBinding'],
  ['external-secrets.io', 'ExternalSecret'],
  ['cert-manager.io', 'Issuer'],
];

export function argocdFiles(i: HelmStagingInput, add: (path: string, text: string) => void): void {
  const d = (f: string) => `${APPS_DIR}/${f}`;
  const argo = i.argocdNamespace;

  add(d('kustomization.yaml'), kustomization(`Argo CD objects of the staging environment: kubectl apply -k ${APPS_DIR}`, [
    'project.yaml',
    `${N.backendApp}.yaml`,
    `${N.frontendApp}.yaml`,
  ]));

  add(d('project.yaml'), `# The staging project: Applications may deploy only this repository, only into
# the ${i.frontendNamespace} and ${i.backendNamespace} namespaces of this cluster, and only the kinds
# listed (Namespaces being the one cluster-scoped kind).
apiVersion: argoproj.io/v1alpha1
kind: AppProject
metadata:
  name: ${i.project}
  namespace: ${argo}
spec:
  description: Staging application (nginx frontend, Flask backend, MySQL)
  sourceRepos:
    - ${i.gitUrl}
  destinations:
    - server: https://kubernetes.default.svc
      namespace: ${i.frontendNamespace}
    - server: https://kubernetes.default.svc
      namespace: ${i.backendNamespace}
  clusterResourceWhitelist:
    - group: ""
      kind: Namespace
  namespaceResourceWhitelist:
${NAMESPACED_KINDS.map(([group, kind]) => `    - group: ${group || '""'}\n      kind: ${kind}\n`).join('')}`);

  const application = (o: { name: string; comment: string; path: string; ns: string; wave: number }) => `# ${o.comment}
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: ${o.name}
  namespace: ${argo}
  annotations:
    # Used when an app-of-apps syncs this folder: the backend comes up first.
    argocd.argoproj.io/sync-wave: "${o.wave}"
spec:
  project: ${i.project}
  source:
    repoURL: ${i.gitUrl}
    targetRevision: ${i.branch}
    # A kustomize folder: Argo CD runs kustomize build on it.
    path: ${o.path}
  destination:
    server: https://kubernetes.default.svc
    namespace: ${o.ns}
  # Staging follows its branch: every push is applied, drift is reverted and
  # objects removed from Git are deleted (after the rest of the sync).
  syncPolicy:
    automated:
      prune: true
      selfHeal: true
    syncOptions:
      - PruneLast=true
    retry:
      limit: 5
      backoff:
        duration: 10s
        factor: 2
        maxDuration: 3m
`;
  add(d(`${N.backendApp}.yaml`), application({
    name: N.backendApp,
    comment: `The Flask API and its MySQL database (${BACKEND_DIR}) in namespace ${i.backendNamespace}.`,
    path: BACKEND_DIR,
    ns: i.backendNamespace,
    wave: 0,
  }));
  add(d(`${N.frontendApp}.yaml`), application({
    name: N.frontendApp,
    comment: `The nginx frontend and its Ingress (${FRONTEND_DIR}) in namespace ${i.frontendNamespace}.`,
    path: FRONTEND_DIR,
    ns: i.frontendNamespace,
    wave: 1,
  }));
}
