import { isScalar, type Node } from 'yaml';
import { findPebble } from '../../expressions/pebble.js';
import { TaintAnalysis } from '../../kestra/taint.js';
import type { KestraFlow, KestraTask } from '../../model/kestra.js';
import { get, walk } from '../../yaml/nodes.js';
import { defineRule } from '../rule.js';

export default defineRule<KestraFlow>({
  meta: {
    id: 'kestra-render-untrusted',
    platform: 'kestra',
    kinds: ['kestra-flow'],
    title: 'render() evaluates untrusted data as a template',
    severity: 'high',
    confidence: 'high',
    persona: 'regular',
  },
  check(ctx) {
    const analysis = new TaintAnalysis(ctx.model, ctx.doc, ctx.text);
    const taskAt = (offset: number): KestraTask | undefined => {
      let best: KestraTask | undefined;
      for (const t of ctx.model.tasks) if (t.span.start <= offset && offset < t.span.end && (!best || t.depth >= best.depth)) best = t;
      return best;
    };
    walk(ctx.model.root, (node: Node) => {
      if (!isScalar(node) || typeof node.value !== 'string' || !node.range || !node.value.includes('render')) return;
      for (const tag of findPebble(ctx.text, node.range[0], node.range[1])) {
        if (!tag.calls.some((c) => c.name === 'render')) continue;
        for (const ref of tag.refs) {
          if (!ref.functions.includes('render')) continue;
          let taint = analysis.refTaint({ ...ref, flowsToOutput: true, functions: [], filters: [] }, taskAt(node.range[0]), new Map());
          // render(vars.x): the variable's own text is what gets evaluated.
          if (!taint && ref.root === 'vars') {
            const name = ref.path.split('.')[1];
            if (name) taint = analysis.nodeTaint(get(ctx.model.variables, name, ctx.doc), undefined, `vars.${name}`);
          }
          if (!taint) continue;
          ctx.report({
            span: tag.span,
            severity: taint.severity === 'high' ? 'high' : 'medium',
            confidence: taint.confidence,
            message: `render() evaluates ${taint.source} as a Pebble template: text such as "{{ secret('...') }}" or "{{ kv('...') }}" in it would be executed with this flow's access to secrets, KV and files; use the value without render()`,
          });
          break;
        }
      }
    }, ctx.doc);

  },
});
