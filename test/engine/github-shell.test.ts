// The shared readers under engine/github: YAML scalar -> script with a source map, the bash lexer
// (quoting contexts, heredocs, pipelines, substitutions, continuations), PowerShell and JS contexts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument, type Node } from 'yaml';
import { maskExpressions, scriptText } from '../../server/src/engine/github/script.js';
import { Ctx, commandName, jsContexts, parseBash, pipelineOf, pwshContexts } from '../../server/src/engine/github/shell.js';

function runScalar(src: string) {
  const doc = parseDocument(src);
  const node = (doc.contents as unknown as { items: { value: Node }[] }).items[0].value;
  return scriptText(node, src)!;
}

describe('scriptText', () => {
  const cases: [string, string][] = [
    ['run: |\n  echo "a"\n  if x; then\n    y\n  fi\n\nnext: 1\n', 'echo "a"\nif x; then\n  y\nfi\n'],
    ['run: |-\n    echo a\n\n    b\n', 'echo a\n\nb'],
    ['run: >\n  curl x\n  | sh\n\n  next\n    more\n  end\n', 'curl x | sh\nnext\n  more\nend\n'],
    ["run: 'it''s ${{ x }}'\n", "it's ${{ x }}"],
    ['run: "a \\"q\\" \\n ${{ x }}"\n', 'a "q" \n ${{ x }}'],
    ['run: plain\n  continued\n\n  para\n', 'plain continued\npara'],
  ];
  for (const [src, value] of cases) {
    it(`maps ${JSON.stringify(src.slice(0, 20))}`, () => {
      const s = runScalar(src);
      assert.equal(s.value, value);
      assert.ok(s.exact);
      // Every non-folded character maps back to the same character in the document.
      for (let i = 0; i < s.value.length; i++) if (!/[\s"'\\]/.test(s.value[i])) assert.equal(src[s.map[i]], s.value[i], `char ${i}`);
    });
  }
  it('masks expressions linearly, keeping length and newlines', () => {
    assert.equal(maskExpressions('a ${{ b }} c ${{ d'), 'a xxxxxxxx c xxxxx');
  });
});

describe('parseBash', () => {
  it('knows the quoting context of every character', () => {
    const src = `echo "AA $(echo 'BB' CC) DD" 'EE' $'FF' # GG\ncat <<EOF\nHH\nEOF\ncat <<'X'\nII\nX\n`;
    const p = parseBash(src);
    const at = (needle: string) => p.ctx[src.indexOf(needle)];
    assert.equal(at('AA'), Ctx.Double);
    assert.equal(at('BB'), Ctx.Single);
    assert.equal(at('CC'), Ctx.Code);
    assert.equal(at('DD'), Ctx.Double);
    assert.equal(at('EE'), Ctx.Single);
    assert.equal(at('FF'), Ctx.AnsiC);
    assert.equal(at('GG'), Ctx.Comment);
    assert.equal(at('HH'), Ctx.Heredoc);
    assert.equal(at('II'), Ctx.QuotedHeredoc);
  });
  it('splits commands, pipelines and redirections; follows line continuations', () => {
    const p = parseBash('curl -fsSL https://x \\\n  | sudo bash -s -- -y && echo "$A" >> "$GITHUB_ENV"\n');
    const top = p.commands.filter((c) => c.depth === 0);
    assert.deepEqual(top.map((c) => c.words.map((w) => w.value)), [['curl', '-fsSL', 'https://x'], ['sudo', 'bash', '-s', '--', '-y'], ['echo', '$A']]);
    assert.deepEqual(pipelineOf(p, p.commands.indexOf(top[0])).length, 2);
    assert.equal(commandName(top[1])?.name, 'bash');
    assert.equal(top[2].redirects[0].op, '>>');
    assert.equal(top[2].redirects[0].target?.value, '$GITHUB_ENV');
  });
  it('records heredoc bodies and nested substitutions', () => {
    const src = 'cat <<-EOF >> out\n\tbody $(id)\n\tEOF\nx=$(curl -s u | jq .a)\n';
    const p = parseBash(src);
    const cat = p.commands.find((c) => c.words[0]?.value === 'cat')!;
    const h = cat.redirects.find((r) => r.heredoc)!.heredoc!;
    assert.equal(src.slice(h.bodyStart, h.bodyEnd), '\tbody $(id)\n');
    assert.ok(p.commands.some((c) => c.depth === 1 && c.words[0]?.value === 'curl'));
  });
  it('never throws on unterminated input', () => {
    for (const s of ['echo "a', "echo 'a", 'echo $(a', 'cat <<EOF\nx', 'echo `a', '${', '$((1', '<<']) assert.ok(parseBash(s));
  });
});

describe('pwsh and JavaScript contexts', () => {
  it('pwsh strings, here-strings, comments and subexpressions', () => {
    const src = `Write-Host "AA $(Get-X 'BB') CC" 'DD' # EE\n@"\nFF\n"@\n<# GG #>`;
    const c = pwshContexts(src);
    const at = (n: string) => c[src.indexOf(n)];
    assert.equal(at('AA'), Ctx.Double);
    assert.equal(at('Get-X'), Ctx.Code);
    assert.equal(at('BB'), Ctx.Single);
    assert.equal(at('CC'), Ctx.Double);
    assert.equal(at('DD'), Ctx.Single);
    assert.equal(at('EE'), Ctx.Comment);
    assert.equal(at('FF'), Ctx.Heredoc);
    assert.equal(at('GG'), Ctx.Comment);
  });
  it('JS strings, template literals with ${}, comments', () => {
    const src = "const a = 'XX'; const b = `YY ${CC + \"ZZ\"} WW`; // QQ\n/* RR */";
    const c = jsContexts(src);
    const at = (n: string) => c[src.indexOf(n)];
    assert.equal(at('XX'), Ctx.Single);
    assert.equal(at('YY'), Ctx.Template);
    assert.equal(at('CC'), Ctx.Code);
    assert.equal(at('ZZ'), Ctx.Double);
    assert.equal(at('WW'), Ctx.Template);
    assert.equal(at('QQ'), Ctx.Comment);
    assert.equal(at('RR'), Ctx.Comment);
  });
});
