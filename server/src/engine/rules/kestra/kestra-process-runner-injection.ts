import { processRunner } from '../../kestra/taint.js';
import type { KestraFlow } from '../../model/kestra.js';
import { defineRule } from '../rule.js';
import { findInjections } from './kestra-pebble-injection.js';

export default defineRule<KestraFlow>({
  meta: {
    id: 'kestra-process-runner-injection',
    platform: 'kestra',
    kinds: ['kestra-flow'],
    title: 'Injected data runs on the worker host through the Process runner',
    severity: 'high',
    confidence: 'high',
    persona: 'regular',
  },
  check(ctx) {
    const seen = new Set<unknown>();
    for (const hit of findInjections(ctx)) {
      if (hit.sink.kind === 'sql' || seen.has(hit.sink.task.node)) continue;
      const runner = processRunner(hit.sink.task, ctx.doc);
      if (!runner) continue;
      seen.add(hit.sink.task.node);
      ctx.report({
        span: runner,
        severity: hit.taint.severity,
        confidence: hit.taint.confidence,
        message: `Task '${hit.sink.task.id?.value ?? '?'}' runs on the Kestra worker host itself (Process runner, no container) and interpolates ${hit.taint.source} into its \`${hit.sink.property}\`: injected commands run with the worker's user, files, credentials and network; use the Docker runner and pass the value through env:`,
        related: [{ span: hit.tag.span, message: 'the injected value' }],
      });
    }
  },
});
