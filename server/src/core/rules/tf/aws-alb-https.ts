import { defineRule } from '../rule';
import { asString, attr, evaluate, nested, referencesIn, scopeOf, terraformModules, TfBlock } from '../../model/terraform';
import type { RuleContext } from '../rule';
import { spanOf } from './helpers';

const LISTENERS = ['aws_lb_listener', 'aws_alb_listener'];

/** What a listener's load_balancer_arn points at: the resource address, else the expression's text. */
function lbKey(ctx: RuleContext, l: TfBlock): string | undefined {
  const a = attr(l.block, 'load_balancer_arn');
  if (!a) return undefined;
  const text = ctx.model.get(l.file)?.text ?? '';
  return referencesIn(a.value)[0] ?? text.slice(a.value.span.start, a.value.span.end);
}

function protocolOf(ctx: RuleContext, l: TfBlock): string | undefined {
  return asString(evaluate(attr(l.block, 'protocol')?.value, scopeOf(ctx.model, l)))?.toUpperCase();
}

export default defineRule({
  id: 'tf/aws-alb-https',
  severity: 'warning',
  category: 'terraform',
  profile: 'restricted',
  seed: 'drupal-aws-terraform: "Encryption in Transit: TLS/SSL"; the ALB listens on "HTTP on port 80".',
  docs: 'An application load balancer with a plain-HTTP listener must either redirect it to HTTPS (`default_action { type = "redirect" redirect { protocol = "HTTPS" } }`) or have an HTTPS listener; otherwise every request and session cookie crosses the internet in clear text.',
  details:
    'Listeners (`aws_lb_listener`, `aws_alb_listener`) are matched to their load balancer through `load_balancer_arn` within the same module. Default assumed when `protocol` is absent: `HTTP` for an application load balancer; network load balancers (`load_balancer_type = "network"`) are not read. No quick fix: HTTPS needs a certificate (`certificate_arn`, ACM).',
  messages: {
    http: 'Listener "{name}" serves plain HTTP{port} without redirecting to HTTPS, and load balancer {lb} has no HTTPS listener.',
  },
  appliesTo: { terraform: LISTENERS },
  checkTerraform(b, ctx) {
    const scope = scopeOf(ctx.model, b);
    const protocol = protocolOf(ctx, b) ?? (attr(b.block, 'protocol') ? undefined : 'HTTP');
    if (protocol !== 'HTTP') return;
    const mod = terraformModules(ctx.model).get(b.dir);
    const key = lbKey(ctx, b);
    const lb = key ? mod?.byAddress.get(key) : undefined;
    if (lb && asString(evaluate(attr(lb.block, 'load_balancer_type')?.value, scope))?.toLowerCase() === 'network') return;
    if (lb && asString(evaluate(attr(lb.block, 'load_balancer_type')?.value, scope))?.toLowerCase() === 'gateway') return;
    // Redirects to HTTPS?
    for (const action of nested(b.block, 'default_action')) {
      const type = asString(evaluate(attr(action, 'type')?.value, scope))?.toLowerCase();
      const redirect = nested(action, 'redirect')[0];
      const to = redirect && asString(evaluate(attr(redirect, 'protocol')?.value, scope))?.toUpperCase();
      if (type === 'redirect' && (to === 'HTTPS' || to === '#{PROTOCOL}' || (redirect && !attr(redirect, 'protocol')))) return;
    }
    // An HTTPS listener on the same load balancer?
    const siblings = (mod?.blocks ?? []).filter((x) => x.kind === 'resource' && LISTENERS.includes(x.type) && x !== b && !x.incomplete);
    if (siblings.some((x) => lbKey(ctx, x) === key && ['HTTPS', 'TLS'].includes(protocolOf(ctx, x) ?? ''))) return;
    const port = asString(evaluate(attr(b.block, 'port')?.value, scope));
    ctx.report(spanOf(ctx, b, attr(b.block, 'protocol')), 'http', { name: b.name, port: port ? ` on port ${port}` : '', lb: lb ? `"${lb.name}"` : key ? `"${key}"` : '(unknown)' });
  },
});
