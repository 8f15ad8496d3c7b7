// The migration map webview: units as nodes (area ∝ hotspot score, fill = plan state, dots = concerns), edges
// from a unit to the unit whose framework values it uses (that seam comes first, so it sits to the left).
// Everything is built with DOM calls and textContent: nothing from the analysed code is ever parsed as HTML.
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const SVG = 'http://www.w3.org/2000/svg';
  const root = document.getElementById('map');
  const STATE_LABEL = { verified: 'verified', regressed: 'regressed', started: 'under way', pending: 'not started', unplanned: 'no step yet' };
  const CONCERNS = ['orm', 'routing', 'queue', 'session'];

  function el(name, attrs, text) {
    const e = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function html(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /** Column of each node: 0 for units that depend on nothing, else one more than the deepest dependency. */
  function levels(nodes, edges) {
    const deps = new Map(nodes.map((n) => [n.id, []]));
    for (const e of edges) if (deps.has(e.from) && deps.has(e.to) && e.from !== e.to) deps.get(e.from).push(e.to);
    const level = new Map();
    const visiting = new Set();
    const visit = (id) => {
      if (level.has(id)) return level.get(id);
      if (visiting.has(id)) return 0; // a cycle: cut it here
      visiting.add(id);
      let l = 0;
      for (const d of deps.get(id) || []) l = Math.max(l, visit(d) + 1);
      visiting.delete(id);
      level.set(id, l);
      return l;
    };
    for (const n of nodes) visit(n.id);
    return level;
  }

  function render(map) {
    root.replaceChildren();
    const header = html('div', 'header');
    header.append(html('h2', '', `Migration map — ${map.folderName}`));
    header.append(html('p', 'note', map.planExists ? 'States come from the plan, verified against the code.' : 'No plan file yet: this is the plan `Strangler: Generate or Update Plan` would write.'));
    root.append(header);
    if (!map.nodes.length) {
      root.append(html('p', 'empty', 'No coupled code found: nothing to migrate.'));
      return;
    }
    const level = levels(map.nodes, map.edges);
    const columns = [];
    for (const n of map.nodes) (columns[level.get(n.id)] = columns[level.get(n.id)] || []).push(n);
    const maxScore = Math.max(...map.nodes.map((n) => n.score), 1);
    const radius = (n) => 14 + 36 * Math.sqrt(n.score / maxScore);
    const colW = 230;
    const pos = new Map();
    let height = 0;
    columns.forEach((col, c) => {
      col.sort((a, b) => b.score - a.score || (a.label < b.label ? -1 : 1));
      let y = 30;
      for (const n of col) {
        const r = radius(n);
        pos.set(n.id, { x: 90 + c * colW, y: y + r, r });
        y += 2 * r + 46;
      }
      height = Math.max(height, y);
    });
    const width = 90 + columns.length * colW;
    // Scaled to the panel's width, so every unit is in view however many columns the dependencies make.
    const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', preserveAspectRatio: 'xMinYMin meet', role: 'img', 'aria-label': 'migration units and their dependencies' });
    const defs = el('defs');
    const marker = el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse' });
    marker.append(el('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrowhead' }));
    defs.append(marker);
    svg.append(defs);
    for (const e of map.edges) {
      const a = pos.get(e.from);
      const b = pos.get(e.to);
      if (!a || !b || e.from === e.to) continue;
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const len = Math.hypot(dx, dy) || 1;
      const line = el('line', { x1: a.x - (dx / len) * a.r, y1: a.y - (dy / len) * a.r, x2: b.x + (dx / len) * b.r, y2: b.y + (dy / len) * b.r, class: 'edge', 'marker-end': 'url(#arrow)' });
      line.append(el('title', {}, `${e.from} uses ${e.concerns.join(', ')} values of ${e.to}`));
      svg.append(line);
    }
    for (const n of map.nodes) {
      const p = pos.get(n.id);
      const g = el('g', { class: `unit state-${n.state}`, tabindex: 0, role: 'button', 'data-id': n.id });
      g.append(el('circle', { cx: p.x, cy: p.y, r: p.r }));
      n.concerns.forEach((c, i) => g.append(el('circle', { cx: p.x - ((n.concerns.length - 1) * 9) / 2 + i * 9, cy: p.y + p.r - 7, r: 3.5, class: `concern concern-${CONCERNS.includes(c) ? c : 'other'}` })));
      g.append(el('text', { x: p.x, y: p.y - p.r - 8, class: 'label' }, n.label));
      g.append(el('text', { x: p.x, y: p.y + 4, class: 'score' }, String(Math.round(n.score))));
      g.append(el('title', {}, `${n.label}: score ${n.score}, ${n.sites} sites in ${n.modules} modules (${n.concerns.join(', ')}); ${STATE_LABEL[n.state] || n.state}${n.steps.length ? `; steps ${n.steps.map((s) => s.id).join(', ')}` : ''}. Click: open the most painful module; Shift+click: the first step.`));
      const open = (ev) => {
        const step = n.steps[0];
        if (ev.shiftKey && step) vscode.postMessage({ type: 'step', planUri: map.planUri, line: step.line });
        else if (n.topModule) vscode.postMessage({ type: 'open', uri: n.topModule });
        else if (step) vscode.postMessage({ type: 'step', planUri: map.planUri, line: step.line });
      };
      g.addEventListener('click', open);
      g.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter' || ev.key === ' ') open(ev);
      });
      svg.append(g);
    }
    root.append(svg);
    const legend = html('div', 'legend');
    for (const [state, label] of Object.entries(STATE_LABEL)) {
      const item = html('span', `key state-${state}`);
      item.append(html('i', 'swatch'), document.createTextNode(label));
      legend.append(item);
    }
    for (const c of CONCERNS) {
      const item = html('span', 'key');
      item.append(html('i', `dot concern-${c}`), document.createTextNode(c));
      legend.append(item);
    }
    legend.append(html('span', 'key', 'area = hotspot score · arrow: uses the framework values of'));
    root.append(legend);
  }

  window.addEventListener('message', (event) => {
    const msg = event.data;
    if (msg && msg.type === 'map') {
      render(msg.map);
      vscode.setState(msg.map);
    }
  });
  const saved = vscode.getState();
  if (saved) render(saved);
  vscode.postMessage({ type: 'ready' });
})();
