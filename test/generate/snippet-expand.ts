// VS Code snippet syntax, expanded with every placeholder's default: the text a
// user gets by pressing Tab through a snippet without typing. Supports tab stops
// ($1, ${1}), placeholders (${1:default}, nested ${1:a ${2:b}}), choices
// (${1|a,b|}: the first), mirrors ($1 elsewhere repeats placeholder 1's value),
// $0, variables ($TM_FILENAME, ${VAR:default}) and the escapes \$ \} \\ (\, \| in choices).

type Node = { t: 'text'; v: string } | { t: 'stop'; n: number; body?: Node[]; choice?: string[] } | { t: 'var'; name: string; body?: Node[] };

class Parser {
  i = 0;
  constructor(private readonly s: string) {}

  parse(until?: string): Node[] {
    const out: Node[] = [];
    let text = '';
    const flush = () => {
      if (text) out.push({ t: 'text', v: text });
      text = '';
    };
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (c === '\\' && this.i + 1 < this.s.length && '$}\\'.includes(this.s[this.i + 1])) {
        text += this.s[this.i + 1];
        this.i += 2;
        continue;
      }
      if (until && c === until) break;
      if (c === '$') {
        const node = this.dollar();
        if (node) {
          flush();
          out.push(node);
          continue;
        }
      }
      text += c;
      this.i++;
    }
    flush();
    return out;
  }

  private dollar(): Node | undefined {
    const rest = this.s.slice(this.i);
    let m = /^\$(\d+)/.exec(rest);
    if (m) {
      this.i += m[0].length;
      return { t: 'stop', n: Number(m[1]) };
    }
    m = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(rest);
    if (m) {
      this.i += m[0].length;
      return { t: 'var', name: m[1] };
    }
    m = /^\$\{(\d+)(\}|:|\|)/.exec(rest);
    if (m) {
      this.i += m[0].length;
      const n = Number(m[1]);
      if (m[2] === '}') return { t: 'stop', n };
      if (m[2] === ':') {
        const body = this.parse('}');
        this.i++; // }
        return { t: 'stop', n, body };
      }
      const end = this.s.indexOf('|}', this.i);
      if (end < 0) throw new Error(`unclosed choice at ${this.i}`);
      const choice = this.s.slice(this.i, end).split(/(?<!\\),/).map((x) => x.replace(/\\([,|\\])/g, '$1'));
      this.i = end + 2;
      return { t: 'stop', n, choice };
    }
    m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(\}|:)/.exec(rest);
    if (m) {
      this.i += m[0].length;
      if (m[2] === '}') return { t: 'var', name: m[1] };
      const body = this.parse('}');
      this.i++;
      return { t: 'var', name: m[1], body };
    }
    return undefined;
  }
}

/** Expand a snippet body (its lines joined with \n) with defaults; `variables` resolves $VAR (unknown ones: their default, else ''); `values` types a value into tab stops (the rest keep their defaults). */
export function expandSnippet(body: string | string[], variables: Record<string, string> = {}, values: Record<number, string> = {}): string {
  const text = Array.isArray(body) ? body.join('\n') : body;
  const parser = new Parser(text);
  const nodes = parser.parse();
  if (parser.i < text.length) throw new Error(`unbalanced "}" at ${parser.i}`);
  const defaults = new Map<number, Node[] | string>(Object.entries(values).map(([k, v]) => [Number(k), v]));
  const collect = (ns: Node[]) => {
    for (const n of ns) {
      if (n.t === 'stop') {
        if (n.choice && !defaults.has(n.n)) defaults.set(n.n, n.choice[0]);
        if (n.body) {
          if (!defaults.has(n.n)) defaults.set(n.n, n.body);
          collect(n.body);
        }
      } else if (n.t === 'var' && n.body) collect(n.body);
    }
  };
  collect(nodes);
  const render = (ns: Node[], depth: number): string => {
    if (depth > 20) throw new Error('placeholders nest too deep (a mirror of itself?)');
    return ns
      .map((n) => {
        if (n.t === 'text') return n.v;
        if (n.t === 'var') return variables[n.name] ?? (n.body ? render(n.body, depth + 1) : '');
        const d = defaults.get(n.n);
        return d === undefined ? '' : typeof d === 'string' ? d : render(d, depth + 1);
      })
      .join('');
  };
  return render(nodes, 0);
}

/** The tab stops of a snippet body (for checks such as "every snippet has a $1"). */
export function tabStops(body: string | string[]): number[] {
  const text = Array.isArray(body) ? body.join('\n') : body;
  const found = new Set<number>();
  for (const m of text.matchAll(/(?<!\\)\$\{?(\d+)/g)) found.add(Number(m[1]));
  return [...found].sort((a, b) => a - b);
}
