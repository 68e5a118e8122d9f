import { defineRule } from '../rule';
import { WORKLOAD_KINDS } from '../../model/k8s';
import { checkProbes } from './probe-helpers';

export default defineRule({
  id: 'k8s/readiness-probe',
  severity: 'warning',
  category: 'resources',
  profile: 'restricted',
  seed: 'azure-saas-aks: liveness and readiness probes on every Deployment ("remove from service if unhealthy").',
  docs: 'Every container of a long-running workload has a `readinessProbe`, so that Services send traffic only to pods that can answer and rollouts wait for new pods to be ready. Jobs, CronJobs, run-once Pods and init containers are exempt.',
  details:
    'Without a readiness probe a pod receives traffic as soon as its containers start, before the application listens or has warmed its caches, and a rolling update replaces old pods with new ones that may not work at all. Point the probe at a cheap endpoint that answers only when the container can serve (`httpGet` on a health path, `tcpSocket` when the port is not HTTP, `exec` otherwise). Native sidecars (init containers with `restartPolicy: Always`) are checked too; Jobs, CronJobs, Pods with `restartPolicy` Never or OnFailure, other init containers and ephemeral containers are not. The quick fix adds a probe on the container\'s first TCP port (by name when the port has one): in the editor an `httpGet` on `/` when the port looks like HTTP (80, 8080, 443, 8443, 3000, 5000, 8000, or named `http*`; HTTPS on 443, 8443 and `https*`), else a `tcpSocket` probe, which is also what fix-all applies since `/` may not answer 200. A container without ports gets an `exec` placeholder that fails until you write the real check; fix-all never adds it.',
  messages: {
    missing: 'Container "{container}" has no readiness probe.',
    noHandler: 'Container "{container}" has a readinessProbe that checks nothing (no httpGet, tcpSocket, exec or grpc).',
  },
  fixes: ['Add an httpGet readinessProbe', 'Add a tcpSocket readinessProbe', 'Add an exec readinessProbe placeholder'],
  appliesTo: WORKLOAD_KINDS,
  check(obj, ctx) {
    checkProbes(obj, ctx, 'readinessProbe', { initialDelaySeconds: 5, periodSeconds: 10 });
  },
});
