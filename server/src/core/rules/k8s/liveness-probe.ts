import { defineRule } from '../rule';
import { WORKLOAD_KINDS } from '../../model/k8s';
import { checkProbes } from './probe-helpers';

export default defineRule({
  id: 'k8s/liveness-probe',
  severity: 'warning',
  category: 'resources',
  profile: 'restricted',
  seed: 'azure-saas-aks: liveness and readiness probes on every Deployment ("restart if fails 3 times").',
  docs: 'Every container of a long-running workload has a `livenessProbe`, so that the kubelet restarts a container that is running but stuck. Jobs, CronJobs, run-once Pods and init containers are exempt.',
  details:
    'A deadlocked or wedged process keeps its container "running" forever unless a liveness probe tells the kubelet to restart it. Keep the check cheap and local (do not test databases or other services from a liveness probe, or one outage restarts every pod), and give slow starters a `startupProbe` or a larger `initialDelaySeconds`. Native sidecars (init containers with `restartPolicy: Always`) are checked too; Jobs, CronJobs, Pods with `restartPolicy` Never or OnFailure, other init containers and ephemeral containers are not. The quick fix adds a probe on the container\'s first TCP port (by name when the port has one), starting after 15 s and repeating every 20 s: in the editor an `httpGet` on `/` when the port looks like HTTP (80, 8080, 443, 8443, 3000, 5000, 8000, or named `http*`; HTTPS on 443, 8443 and `https*`), else a `tcpSocket` probe, which is also what fix-all applies since `/` may not answer 200. A container without ports gets an `exec` placeholder that fails until you write the real check; fix-all never adds it.',
  messages: {
    missing: 'Container "{container}" has no liveness probe.',
    noHandler: 'Container "{container}" has a livenessProbe that checks nothing (no httpGet, tcpSocket, exec or grpc).',
  },
  fixes: ['Add an httpGet livenessProbe', 'Add a tcpSocket livenessProbe', 'Add an exec livenessProbe placeholder'],
  appliesTo: WORKLOAD_KINDS,
  check(obj, ctx) {
    checkProbes(obj, ctx, 'livenessProbe', { initialDelaySeconds: 15, periodSeconds: 20 });
  },
});
