// Escaping tests: a workspace whose route paths, file names, queue names and plan titles hold `|`, `<script>`,
// quotes, newlines and `=cmd` must come out of every format as text, never as structure.
import assert from 'node:assert/strict';
import { createHash } from 'crypto';
import type { ExportFormat } from '../../server/src/engine/export';
import { csvField } from '../../server/src/engine/export/csv';
import { code, text } from '../../server/src/engine/export/markdown';
import { ganttText, mermaidLabel } from '../../server/src/engine/export/mermaid';
import { commentText, nginxToken } from '../../server/src/engine/export/nginx';
import { escapeHtml } from '../../server/src/engine/export/html';
import { fileUri } from '../../server/src/engine/export/sarif';
import { exportAll, hostileExportInput, HOSTILE, HOSTILE_PLAN } from '../exportRuns';

/** An RFC 4180 reader: fields, quoted fields with doubled quotes, CRLF between records. */
function parseCsv(source: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < source.length) {
    let field = '';
    if (source[i] === '"') {
      i++;
      for (;;) {
        if (source[i] === '"' && source[i + 1] === '"') (field += '"'), (i += 2);
        else if (source[i] === '"') break;
        else if (i >= source.length) throw new Error('unterminated quoted field');
        else field += source[i++];
      }
      i++;
    } else {
      while (i < source.length && source[i] !== ',' && source[i] !== '\r') field += source[i++];
    }
    row.push(field);
    if (source[i] === ',') i++;
    else if (source.startsWith('\r\n', i)) (rows.push(row), (row = []), (i += 2));
    else if (i < source.length) throw new Error(`unexpected ${JSON.stringify(source[i])} at ${i}`);
  }
  if (row.length) rows.push(row);
  return rows;
}

/** The lines of a Markdown document outside fenced code blocks. */
function outsideFences(markdown: string): string[] {
  let fenced = false;
  return markdown.split('\n').filter((line) => {
    if (line.startsWith('```')) return (fenced = !fenced), false;
    return !fenced;
  });
}

/** A line without its code spans, where `<` is literal anyway: a run of backticks up to the same run. */
function withoutCodeSpans(line: string): string {
  return line.replace(/(`+)[\s\S]*?[^`]\1(?!`)/g, '');
}

/** Cells of a Markdown table row: split at `|` that no backslash escapes. */
function cells(row: string): string[] {
  return row.replace(/^\|/, '').replace(/\|$/, '').split(/(?<!\\)\|/);
}

describe('exports escape what comes from code and from the plan', () => {
  let out: Record<ExportFormat, string>;
  let steps: number;
  let routes: number;
  before(() => {
    const input = hostileExportInput();
    out = exportAll(input);
    steps = input.evaluation.steps.length;
    routes = input.result.routes.length;
    assert.ok(input.result.routes.some((route) => route.path === HOSTILE.newline), 'the hostile route with a newline is in the inventory');
  });

  describe('markdown', () => {
    it('has no raw HTML outside code fences and code spans, and every table row keeps its number of cells', () => {
      const lines = outsideFences(out.markdown);
      const html = lines.map(withoutCodeSpans).filter((line) => /<[a-z/]/i.test(line));
      assert.deepEqual(html, []);
      assert.ok(lines.some((line) => line.includes('`/a\\|b <script>alert(1)</script>`')), 'the hostile route is shown in a code span');
      let width = 0;
      for (const line of lines) {
        if (!line.startsWith('|')) width = 0;
        else if (width === 0) width = cells(line).length;
        else assert.equal(cells(line).length, width, line);
      }
    });

    it('lists every route on one line of the route table, the one with a newline too', () => {
      const section = out.markdown.slice(out.markdown.indexOf('## Routes'), out.markdown.indexOf('## Queues'));
      assert.equal(section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Method')).length, routes);
      assert.ok(section.includes('`/new line`'));
    });

    it('opens no fence inside the Mermaid blocks and keeps the two of them', () => {
      assert.equal(out.markdown.split('\n').filter((line) => line.startsWith('```mermaid')).length, 2);
      assert.equal(out.markdown.split('\n').filter((line) => line.startsWith('```')).length, 4);
    });

    it('escapes text and picks code fences longer than any backtick run', () => {
      assert.equal(text('a|b *c* [d](e) <f> & \\ `g`\nh'), 'a\\|b \\*c\\* \\[d\\](e) &lt;f&gt; &amp; \\\\ \\`g\\` h');
      assert.equal(code('x ``y`` z'), '```x ``y`` z```');
      assert.equal(code('`edge`'), '`` `edge` ``');
    });
  });

  describe('mermaid', () => {
    it('keeps quotes, angle brackets, hashes and backticks out of flowchart labels', () => {
      assert.equal(mermaidLabel('a "b" <c> #d `e` &f\ng'), 'a #quot;b#quot; #lt;c#gt; #35;d #96;e#96; #amp;f g');
    });

    it('keeps #, : and ; out of Gantt text, where older grammars end the text at them, and <, >, & that titles lose', () => {
      assert.equal(ganttText('Phase: one; #1\nnext <b> & c'), 'Phase∶ one, ♯1 next ‹b› + c');
      const gantt = out.markdown.slice(out.markdown.indexOf('```mermaid\ngantt'), out.markdown.indexOf('```', out.markdown.indexOf('gantt')));
      for (const line of gantt.split('\n').filter((l) => /^ {2}\d+\. /.test(l))) assert.equal(line.split(':').length, 2, line);
    });
  });

  describe('html', () => {
    it('has exactly its own script and style, and the CSP names them by hash', () => {
      assert.equal((out.html.match(/<script/gi) ?? []).length, 1);
      assert.equal((out.html.match(/<style/gi) ?? []).length, 1);
      const script = /<script>([\s\S]*?)<\/script>/.exec(out.html)![1];
      const style = /<style>([\s\S]*?)<\/style>/.exec(out.html)![1];
      const hash = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
      const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(out.html)![1];
      assert.ok(csp.includes(`script-src ${hash(script)}`), csp);
      assert.ok(csp.includes(`style-src ${hash(style)}`), csp);
      assert.ok(csp.startsWith("default-src 'none'"), csp);
    });

    it('shows the hostile names as text', () => {
      assert.ok(out.html.includes(escapeHtml(HOSTILE.script)));
      assert.ok(out.html.includes('&lt;script&gt;alert(3)&lt;/script&gt;'));
      assert.ok(!out.html.includes('<b>bold'));
      assert.equal(escapeHtml(`<a href='x'>"&"</a>`), '&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;');
    });
  });

  describe('csv', () => {
    it('is RFC 4180: one record per step, eight fields each, titles read back as written', () => {
      const rows = parseCsv(out.csv);
      assert.equal(rows.length, steps + 1);
      for (const row of rows) assert.equal(row.length, 8, JSON.stringify(row));
      const titles = rows.slice(1).map((row) => row[1]);
      assert.ok(titles.includes('Serve /users from Fastify | "quoted" <script>alert(3)</script>'), titles.join('\n'));
      assert.ok(out.csv.endsWith('\r\n'));
    });

    it('neutralises cells a spreadsheet would run as a formula', () => {
      for (const row of parseCsv(out.csv)) for (const field of row) assert.ok(!/^[=+\-@\t\r]/.test(field), field);
      const titles = parseCsv(out.csv).map((row) => row[1]);
      assert.ok(titles.includes("'=cmd|' /C calc'!A0"));
      assert.ok(titles.includes("'-2+3 @SUM(1)"));
      assert.equal(csvField('@x'), "'@x");
      assert.equal(csvField('+1'), "'+1");
      assert.equal(csvField('a,"b"'), '"a,""b"""');
      assert.equal(csvField('plain'), 'plain');
    });

    it('links the hostile file by its path', () => {
      assert.ok(parseCsv(out.csv).some((row) => row[7].split('\n').includes(HOSTILE.file)));
    });
  });

  describe('nginx', () => {
    it('is only comments, location blocks and proxy_pass lines: no route path starts a directive', () => {
      for (const line of out.nginx.split('\n')) {
        if (line === '' || line.startsWith('#') || line === '}') continue;
        assert.match(line, /^(location (= |\^~ |~ )?("(?:[^"\\]|\\.)*"|[^\s"{};]+) \{|    proxy_pass http:\/\/(legacy|modern);)$/, line);
      }
    });

    it('quotes paths nginx would split, doubles backslashes, and spells out newlines in comments', () => {
      assert.ok(out.nginx.includes('location = "/q\\"; return 200 \\"pwned; #" {'), out.nginx);
      assert.ok(out.nginx.includes('location = "/back\\\\slash\\\\t" {'));
      assert.ok(out.nginx.includes('GET /new\\u000aline'));
      assert.equal(nginxToken('/plain/path'), '/plain/path');
      assert.equal(nginxToken('/a b'), '"/a b"');
      assert.equal(nginxToken('^/v1\\.0$'), '"^/v1\\\\.0$"');
      assert.equal(commentText('a\nb\rc'), 'a\\u000ab\\u000dc');
    });
  });

  describe('sarif and json', () => {
    it('writes the hostile file as a relative URI that decodes back to its path', () => {
      const log = JSON.parse(out.sarif);
      const uris = log.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0].physicalLocation.artifactLocation.uri);
      assert.ok(uris.includes(fileUri(HOSTILE.file)));
      for (const uri of uris) assert.match(uri, /^[A-Za-z0-9\-._~%!$&'()*+,;=:@/]+$/);
      assert.ok(uris.map(decodeURIComponent).includes(HOSTILE.file));
    });

    it('round-trips every string through JSON', () => {
      const roadmap = JSON.parse(out.json);
      const paths = roadmap.facade.routes.map((route: { path: string }) => route.path);
      for (const hostile of [HOSTILE.injection, HOSTILE.script, HOSTILE.newline, HOSTILE.backslash]) assert.ok(paths.includes(hostile), hostile);
      assert.equal(roadmap.plan.title, 'Leave Express | <script>alert(1)</script> & "quotes"');
      assert.ok(HOSTILE_PLAN.includes('\\"quotes\\"'));
    });
  });
});
