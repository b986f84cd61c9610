import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findPebble } from '../../server/src/engine/expressions/pebble.js';

const slice = (text: string, s: { start: number; end: number }) => text.slice(s.start, s.end);

describe('Pebble scanner', () => {
  it('finds outputs and tags with exact spans, roots and paths', () => {
    const text = `echo {{ inputs.url }} {{outputs['dl'].body | trim}} {% if execution.id %}x{% endif %} {{ trigger.body.items[0].name }}`;
    const tags = findPebble(text);
    assert.deepEqual(tags.map((t) => [t.kind, slice(text, t.span)]), [
      ['output', '{{ inputs.url }}'],
      ['output', "{{outputs['dl'].body | trim}}"],
      ['tag', '{% if execution.id %}'],
      ['tag', '{% endif %}'],
      ['output', '{{ trigger.body.items[0].name }}'],
    ]);
    assert.deepEqual(tags[0].refs.map((r) => [r.root, r.path, slice(text, r.span), r.flowsToOutput]), [['inputs', 'inputs.url', 'inputs.url', true]]);
    assert.deepEqual(tags[1].refs.map((r) => [r.path, slice(text, r.span), r.filters]), [['outputs.dl.body', "outputs['dl'].body", ['trim']]]);
    assert.equal(tags[2].tagName, 'if');
    assert.deepEqual(tags[2].refs.map((r) => [r.path, r.flowsToOutput]), [['execution.id', false]]);
    assert.deepEqual(tags[4].refs.map((r) => r.path), ['trigger.body.items.*.name']);
  });

  it('reads function calls: secret, kv, render with their string argument', () => {
    const text = `{{ secret('DB_PASSWORD') }} {{ kv('K', 'other.ns') }} {{ render(vars.template) }}`;
    const calls = findPebble(text).flatMap((t) => t.calls);
    assert.deepEqual(calls.map((c) => [c.name, c.firstString, slice(text, c.span)]), [
      ['secret', 'DB_PASSWORD', "secret('DB_PASSWORD')"],
      ['kv', 'K', "kv('K', 'other.ns')"],
      ['render', undefined, 'render(vars.template)'],
    ]);
    const ref = findPebble(text)[2].refs[0];
    assert.deepEqual([ref.path, ref.functions], ['vars.template', ['render']]);
    assert.equal(slice(text, calls[0].firstStringSpan!), 'DB_PASSWORD');
  });

  it('tells comparisons and tests from values that reach the output', () => {
    const [t] = findPebble(`{{ inputs.a == 'x' ? inputs.b : 'no' }}`);
    assert.deepEqual(t.refs.map((r) => [r.path, r.flowsToOutput]), [['inputs.a', false], ['inputs.b', true]]);
    const [u] = findPebble(`{{ inputs.c is defined }}`);
    assert.equal(u.refs[0].flowsToOutput, false);
  });

  it('binds loop and set variables, skips raw blocks and comments, respects quotes', () => {
    const text = `{% for row in outputs.q.rows %}{{ row.name }}{% endfor %}{% raw %}{{ inputs.x }}{% endraw %}{# {{ inputs.y }} #}{{ "}}" ~ inputs.z }}`;
    const tags = findPebble(text);
    assert.equal(tags[0].binds, 'row');
    assert.deepEqual(tags[0].refs.map((r) => r.path), ['outputs.q.rows']);
    assert.ok(!tags.some((t) => t.refs.some((r) => r.path === 'inputs.x')), 'raw block skipped');
    assert.ok(tags.some((t) => t.kind === 'comment'));
    assert.ok(!tags.some((t) => t.kind !== 'comment' && t.refs.some((r) => r.path === 'inputs.y')));
    const last = tags.at(-1)!;
    assert.equal(slice(text, last.span), `{{ "}}" ~ inputs.z }}`);
    assert.deepEqual(last.refs.map((r) => r.path), ['inputs.z']);
  });

  it('reports an unclosed expression and scans only the given range', () => {
    const text = 'a {{ inputs.x';
    assert.match(findPebble(text)[0].error ?? '', /not closed/);
    assert.equal(findPebble('{{ a }} {{ b }}', 8).length, 1);
  });
});
