import { defineRule } from '../rule';
import { locate, nodeOf } from '../../model/k8s';
import { gitopsGraph, isFluxKustomization, KustomizationNode } from '../../model/gitops';
import { insertEntries, setValue } from '../../fixes/yaml-edit';
import type { Fix } from '../../types';
import { addDependsOn, dependsOnSpan, relatedAt } from '../flux/helpers';
import { drupalWorkload, migrationCommand } from './helpers';

export default defineRule({
  id: 'drupal/migration-job',
  severity: 'warning',
  category: 'drupal',
  profile: 'drupal-aks',
  seed: 'drupal-aks-flux: "MIGRATION JOB (runs first) • drush updatedb … • backoffLimit: 0 (no auto-retry)"; "drupal-migration … (must succeed) → apps".',
  docs: 'A Job that runs `drush updatedb` (or `drush deploy`) sets `backoffLimit: 0`, and the Flux Kustomization that deploys the Drupal workload depends on the Kustomization that runs that Job.',
  details:
    'A failed database update must stop the rollout for a human to look at: retrying it (the default backoffLimit is 6) can apply half-finished updates again. And the new Drupal pods must not start before the schema they expect exists: the apps Kustomization depends on the migration one (which should `wait` or health-check the Job). A Kustomization that applies both the Job and the Deployment is fine when another Kustomization that deploys Drupal depends on it (it is then the migration step). Quick fixes: add `backoffLimit: 0` (fix-all leaves an explicit other value alone), add the dependsOn entry.',
  messages: {
    backoff: 'The migration Job "{name}" runs {command} without backoffLimit: 0: a failed update is retried ({limit}) instead of stopping for review.',
    order: 'Kustomization "{name}" deploys Drupal ({workload}) but does not depend on Kustomization "{migration}", which runs the migration Job "{job}": pods may start before {command} has succeeded.',
    together: 'Kustomization "{name}" applies the migration Job "{job}" and Drupal ({workload}) together: the pods roll out while {command} runs. Run the Job from its own Kustomization and make this one depend on it.',
  },
  fixes: ['Set backoffLimit: 0', 'Add the dependsOn entry'],
  appliesTo: ['Job', 'Kustomization'],
  check(obj, ctx) {
    if (obj.kind === 'Job') {
      const command = migrationCommand(obj);
      if (!command) return;
      const limit = (obj.value.spec as Record<string, unknown> | undefined)?.backoffLimit;
      if (limit === 0) return;
      const explicit = nodeOf(obj, ['spec', 'backoffLimit']) !== undefined;
      const fix: Fix = explicit
        ? { title: 'Set backoffLimit: 0', edits: setValue(obj.doc, ['spec', 'backoffLimit'], 0), safe: false }
        : { title: 'Add backoffLimit: 0', edits: insertEntries(obj.doc, ['spec'], { backoffLimit: 0 }) };
      ctx.report(locate(obj, ['spec', 'backoffLimit']), 'backoff', { name: obj.name ?? '(unnamed)', command, limit: explicit ? `backoffLimit: ${String(limit)}` : 'default backoffLimit: 6' }, [fix]);
      return;
    }
    if (!isFluxKustomization(obj)) return;
    const graph = gitopsGraph(ctx.model);
    const node = graph.kustomizationOf(obj);
    if (!node || graph.hasUnresolvedAncestry(node)) return;
    const workload = node.objects.find((o) => drupalWorkload(o));
    if (!workload) return;
    const jobsOf = (k: KustomizationNode) => k.objects.filter((o) => migrationCommand(o));
    const ancestors = graph.ancestors(node);
    if ([...ancestors].some((a) => a.kind === 'Kustomization' && jobsOf(a).length > 0)) return;
    // This one is the migration step of a later Kustomization that deploys Drupal.
    if (graph.descendants(node).some((d) => d.kind === 'Kustomization' && d.objects.some((o) => drupalWorkload(o)))) return;
    // Another Drupal Kustomization with a dependsOn naming nothing may have meant this one.
    if (graph.kustomizations.some((k) => k !== node && graph.hasUnresolvedAncestry(k) && k.objects.some((o) => drupalWorkload(o)))) return;
    const workloadLabel = `${workload.kind} "${workload.name ?? '(unnamed)'}"`;
    const own = jobsOf(node)[0];
    if (own) {
      ctx.report(locate(obj, ['spec', 'path']), 'together', { name: node.name, job: own.name ?? '(unnamed)', workload: workloadLabel, command: migrationCommand(own)! }, [], [
        relatedAt(own, 'The migration Job.'),
        relatedAt(workload, 'The Drupal workload.'),
      ]);
      return;
    }
    const candidates = graph.sortByOrder(graph.kustomizations.filter((k) => k !== node && jobsOf(k).length > 0 && !graph.ancestors(k).has(node)));
    const migration = candidates[0];
    if (!migration) return;
    const job = jobsOf(migration)[0];
    ctx.report(
      dependsOnSpan(node),
      'order',
      { name: node.name, workload: workloadLabel, migration: migration.name, job: job.name ?? '(unnamed)', command: migrationCommand(job)! },
      [{ title: `Add "${migration.name}" to dependsOn`, edits: addDependsOn(node, migration) }],
      [relatedAt(migration.object, `Kustomization "${migration.name}" is defined here.`), relatedAt(job, 'The migration Job.')],
    );
  },
});
