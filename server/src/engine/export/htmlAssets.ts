/**
 * The style sheet and the one script of the HTML roadmap, inlined into the page. They are constants, so the page's
 * Content-Security-Policy can name them by hash and nothing else may run or load.
 */

export const STYLE = `
:root { color-scheme: light; --ok: #2e7d32; --bad: #c62828; --ready: #1565c0; --todo: #90a4ae; --ink: #1f2933; --muted: #5f6b76; --line: #d9dee3; }
* { box-sizing: border-box; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0 auto; max-width: 1200px; padding: 24px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
p.meta, .muted { color: var(--muted); }
.plan-title { font-size: 17px; font-weight: 600; margin: 0 0 4px; }
.progress { font-size: 16px; font-weight: 600; }
.charts { display: flex; flex-wrap: wrap; gap: 24px; }
.charts figure { margin: 0; }
figcaption { font-weight: 600; margin-bottom: 4px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f4f6f8; position: sticky; top: 0; }
th.sortable { cursor: pointer; user-select: none; white-space: nowrap; }
th.sortable::after { content: " \\2195"; color: var(--muted); }
th[aria-sort="ascending"]::after { content: " \\2191"; }
th[aria-sort="descending"]::after { content: " \\2193"; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f4f6f8; padding: 1px 4px; border-radius: 3px; word-break: break-all; }
.state { display: inline-block; padding: 0 8px; border-radius: 10px; color: #fff; font-size: 12px; font-weight: 600; }
.state-verified { background: var(--ok); } .state-regressed { background: var(--bad); } .state-ready { background: var(--ready); } .state-pending { background: var(--todo); }
.state-started { background: #b7791f; } .state-unplanned { background: #fff; color: var(--muted); border: 1px dashed var(--muted); }
.served-modern { color: var(--ok); font-weight: 600; } .served-legacy { color: var(--muted); }
ul.checks { margin: 0; padding-left: 16px; }
ul.checks li.fail::marker { content: "\\2717  "; color: var(--bad); }
ul.checks li.pass::marker { content: "\\2713  "; color: var(--ok); }
.why { color: var(--muted); font-size: 12px; }
`;

/** Sorts a table by the clicked column: numbers as numbers (from `data-sort` when a cell has one), text by locale. */
export const SCRIPT = `
(function () {
  function key(cell) {
    var raw = cell.hasAttribute('data-sort') ? cell.getAttribute('data-sort') : cell.textContent.trim();
    var n = Number(raw);
    return raw !== '' && !isNaN(n) ? n : raw.toLowerCase();
  }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    var heads = table.querySelectorAll('thead th');
    heads.forEach(function (th, column) {
      th.classList.add('sortable');
      th.setAttribute('tabindex', '0');
      function sort() {
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        heads.forEach(function (other) { other.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows).map(function (row, index) { return { row: row, index: index, key: key(row.cells[column]) }; });
        rows.sort(function (a, b) {
          var x = a.key, y = b.key, order;
          if (typeof x === 'number' && typeof y === 'number') order = x - y;
          else order = String(x).localeCompare(String(y));
          return (ascending ? order : -order) || a.index - b.index;
        });
        rows.forEach(function (entry) { body.appendChild(entry.row); });
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (event) { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); sort(); } });
    });
  });
})();
`;
