// Infrastructure view: Terraform resources, data sources and module calls of
// each module folder (model/terraform.ts), grouped by folder, with an edge for
// every reference one makes to another (`references`) and for `depends_on`
// (`depends-on`). Variables, locals and outputs are not drawn.
import { basenameKey } from '../../paths';
import { referencesIn, terraformModules, TfBlock } from '../../model/terraform';
import type { HclBodyItem } from '../../model/terraform';
import type { TopologyContributor } from '../contributor';

const DRAWN = new Set(['resource', 'data', 'module']);

/** Every reference made inside a block body, with whether it is a depends_on. */
function referencesOfBody(body: readonly HclBodyItem[], out: { ref: string; dependsOn: boolean }[]): void {
  for (const item of body) {
    if (item.type === 'attribute') {
      for (const ref of referencesIn(item.value)) out.push({ ref, dependsOn: item.name === 'depends_on' });
    } else referencesOfBody(item.body, out);
  }
}

function groupOf(dir: string): string {
  const parts = dir.replace(/^[a-z][\w+.-]*:\/\/[^/]*/i, '').split('/').filter((p) => p && p !== '.' && p !== '..');
  return parts.length ? parts.slice(-2).join('/') : basenameKey(dir) || 'root';
}

export const terraform: TopologyContributor = {
  id: 'terraform',
  views: ['infrastructure'],
  contribute({ ws, g }) {
    const modules = terraformModules(ws);
    const idOf = (b: TfBlock) => `tf:${b.dir}#${b.address}`;
    for (const m of modules.values()) {
      const group = groupOf(m.dir);
      const byAddress = new Map<string, TfBlock>();
      for (const b of m.blocks) {
        if (!DRAWN.has(b.kind) || !b.name) continue;
        byAddress.set(b.address, b);
        const source = b.kind === 'module' ? b.block.body.find((i) => i.type === 'attribute' && i.name === 'source') : undefined;
        const sourceText = source && source.type === 'attribute' && source.value.kind === 'literal' ? String(source.value.value) : undefined;
        g.synthetic(
          {
            id: idOf(b),
            kind: b.kind === 'resource' ? b.type : b.kind === 'data' ? `data.${b.type}` : 'module',
            name: b.name,
            namespace: group,
            category: 'terraform',
            file: b.file,
            span: b.headerSpan,
            ...(sourceText ? { detail: sourceText } : {}),
          },
          b.block.span,
        );
      }
      for (const b of byAddress.values()) {
        const refs: { ref: string; dependsOn: boolean }[] = [];
        referencesOfBody(b.block.body, refs);
        for (const r of refs) {
          const target = byAddress.get(r.ref);
          if (target && target !== b) g.edge(idOf(b), idOf(target), r.dependsOn ? 'depends-on' : 'references');
        }
      }
    }
  },
};
