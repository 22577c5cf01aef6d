// Poolscope live view: polls the agent's JSON API and draws it. Every string from the API is
// set with textContent (never parsed as HTML), so a pool name or a statement cannot inject markup.
(function () {
  'use strict';
  var POLL_MS = 2000;
  var SVG = 'http://www.w3.org/2000/svg';
  var eventsSince = 0;
  var MAX_EVENTS = 200;

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }

  // location.origin, not a relative path: a page opened as http://user:token@host/ would make
  // every relative request carry credentials in its URL, which fetch refuses. The browser still
  // sends the credentials it answered the page's 401 with.
  function getJson(path) {
    return fetch(location.origin + path, { credentials: 'same-origin', cache: 'no-store' }).then(function (r) {
      if (!r.ok && r.status !== 503) { throw new Error(path + ': HTTP ' + r.status); }
      return r.json();
    });
  }

  function num(v) { return v === null || v === undefined || v < 0 ? '–' : String(v); }

  function ms(v) {
    if (v === null || v === undefined) { return '–'; }
    return v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(1) : v.toFixed(3);
  }

  function replaceRows(tbody, rows) {
    while (tbody.firstChild) { tbody.removeChild(tbody.firstChild); }
    rows.forEach(function (r) { tbody.appendChild(r); });
  }

  function cell(text, cls) { return el('td', text, cls); }

  function emptyRow(text, columns) {
    var tr = el('tr');
    var td = el('td', text, 'empty');
    td.colSpan = columns;
    tr.appendChild(td);
    return tr;
  }

  // One small line chart: series = [{values, color, label}], an optional dashed limit line.
  function chart(title, series, limit, unit) {
    var w = 300, h = 90, pad = 22;
    var svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('width', w);
    svg.setAttribute('height', h);
    svg.setAttribute('class', 'chart');
    var top = limit || 0;
    series.forEach(function (s) { s.values.forEach(function (v) { if (v !== null && v > top) { top = v; } }); });
    if (top <= 0) { top = 1; }
    var n = Math.max(2, series.length ? series[0].values.length : 2);
    function x(i) { return pad + (w - pad - 4) * i / (n - 1); }
    function y(v) { return h - 14 - (h - 26) * v / top; }
    var label = document.createElementNS(SVG, 'text');
    label.setAttribute('x', 4);
    label.setAttribute('y', 10);
    label.textContent = title + ' (max ' + ms(top) + (unit || '') + ')';
    svg.appendChild(label);
    if (limit) {
      var line = document.createElementNS(SVG, 'line');
      line.setAttribute('x1', pad); line.setAttribute('x2', w - 4);
      line.setAttribute('y1', y(limit)); line.setAttribute('y2', y(limit));
      line.setAttribute('stroke', '#c53030'); line.setAttribute('stroke-dasharray', '4 3');
      svg.appendChild(line);
    }
    series.forEach(function (s) {
      // A slot without data (null) breaks the line; a lone point is drawn as a dot.
      var runs = [[]];
      s.values.forEach(function (v, i) {
        if (v === null || v === undefined) { runs.push([]); return; }
        runs[runs.length - 1].push([x(i), y(v)]);
      });
      runs.forEach(function (run) {
        if (!run.length) { return; }
        var lone = run.length === 1;
        if (lone) { run = [[run[0][0] - 4, run[0][1]], [run[0][0] + 4, run[0][1]]]; }
        var poly = document.createElementNS(SVG, 'polyline');
        poly.setAttribute('points', run.map(function (p) { return p[0].toFixed(1) + ',' + p[1].toFixed(1); }).join(' '));
        poly.setAttribute('fill', 'none');
        poly.setAttribute('stroke', s.color);
        poly.setAttribute('stroke-width', lone ? '3' : '1.5');
        svg.appendChild(poly);
      });
    });
    return svg;
  }

  function percentileSeries(slots, key) {
    function pick(p) { return function (s) { return s[key] ? s[key][p] : null; }; }
    return [
      { values: slots.map(pick('p50')), color: '#10b981' },
      { values: slots.map(pick('p95')), color: '#f59e0b' },
      { values: slots.map(pick('p99')), color: '#ef4444' }
    ];
  }

  function strip(pool) {
    var d = el('div', null, 'strip');
    d.setAttribute('data-pool', pool.name);
    var head = el('div', null, 'head');
    head.appendChild(el('span', pool.name, 'name'));
    head.appendChild(el('span', pool.library, 'muted'));
    if (pool.url) { head.appendChild(el('span', pool.url, 'muted')); }
    var nums = el('span', null, 'nums');
    [['used', pool.used], ['idle', pool.idle], ['pending', pool.pending], ['max', pool.max]]
      .forEach(function (p, i) {
        if (i > 0) { nums.appendChild(document.createTextNode(' · ')); }
        nums.appendChild(document.createTextNode(p[0] + ' '));
        nums.appendChild(el('span', num(p[1]), p[0]));
      });
    head.appendChild(nums);
    var util = pool.utilization === null ? '–' : Math.round(pool.utilization * 100) + ' %';
    head.appendChild(el('span', 'utilization ' + util, 'util'));
    var m1 = pool.last_1m;
    if (m1) {
      head.appendChild(el('span', 'last minute: ' + m1.acquisitions + ' acquisitions, wait p99 ' +
        ms(m1.wait_ms && m1.wait_ms.p99) + ' ms, hold p99 ' + ms(m1.use_ms && m1.use_ms.p99) +
        ' ms, ' + m1.timeouts + ' timeouts', 'muted'));
    }
    d.appendChild(head);
    var bar = el('div', null, 'bar');
    var max = pool.max > 0 ? pool.max : Math.max(1, pool.used + Math.max(0, pool.idle));
    [['u', pool.used], ['i', pool.idle], ['p', pool.pending]].forEach(function (b) {
      var part = el('div', null, b[0]);
      part.style.width = (Math.max(0, b[1]) * 100 / Math.max(max, 1)) + '%';
      bar.appendChild(part);
    });
    d.appendChild(bar);
    var slots = pool.slots || [];
    if (slots.length) {
      var charts = el('div', null, 'charts');
      charts.appendChild(chart('wait ms p50/p95/p99', percentileSeries(slots, 'wait_ms'), 0, ' ms'));
      charts.appendChild(chart('hold ms p50/p95/p99', percentileSeries(slots, 'use_ms'), 0, ' ms'));
      charts.appendChild(chart('demand vs max',
        [{ values: slots.map(function (s) { return s.demand; }), color: '#3b82f6' }],
        pool.max > 0 ? pool.max : 0, ''));
      d.appendChild(charts);
    }
    return d;
  }

  function showPools(data) {
    var box = document.getElementById('pools');
    while (box.firstChild) { box.removeChild(box.firstChild); }
    if (!data.pools.length) { box.appendChild(el('p', 'No pool seen yet.', 'empty')); }
    data.pools.forEach(function (p) { box.appendChild(strip(p)); });
  }

  function showHolders(data) {
    document.getElementById('holders-count').textContent =
      '(' + data.count + (data.truncated ? ', longest held shown' : '') + ')';
    var rows = data.holders.length ? [] : [emptyRow('No connection is held right now.', 7)];
    replaceRows(document.querySelector('#holders tbody'), rows.concat(data.holders.map(function (h) {
      var tr = el('tr');
      tr.appendChild(cell(h.pool));
      tr.appendChild(cell(h.thread));
      tr.appendChild(cell(h.held_ms, 'n'));
      tr.appendChild(cell(h.idle_ms, 'n'));
      tr.appendChild(cell(h.statements, 'n'));
      tr.appendChild(cell(h.sql, 'sql'));
      tr.appendChild(cell(h.sql_running_ms, 'n'));
      return tr;
    })));
  }

  function showStatements(data) {
    replaceRows(document.querySelector('#statements tbody'), data.statements.slice(0, 20).map(function (s) {
      var tr = el('tr');
      tr.appendChild(cell(s.pool));
      tr.appendChild(cell(s.sql, 'sql'));
      tr.appendChild(cell(s.calls, 'n'));
      tr.appendChild(cell(ms(s.total_ms), 'n'));
      tr.appendChild(cell(ms(s.mean_ms), 'n'));
      tr.appendChild(cell(ms(s.p99_ms), 'n'));
      tr.appendChild(cell(ms(s.max_ms), 'n'));
      tr.appendChild(cell(s.errors, 'n'));
      tr.appendChild(cell(s.rows, 'n'));
      return tr;
    }));
  }

  function showRecommendations(data) {
    var list = document.getElementById('recommendations');
    while (list.firstChild) { list.removeChild(list.firstChild); }
    if (!data.recommendations.length) { list.appendChild(el('li', 'No advice yet.', 'empty')); }
    data.recommendations.forEach(function (r) {
      var li = el('li');
      li.appendChild(el('strong', r.code + ' '));
      li.appendChild(document.createTextNode(r.message || ''));
      if (r.setting) {
        li.appendChild(el('div', 'setting: ' + r.setting.name + ' (now ' + num(r.setting.current) + ')', 'muted'));
      }
      list.appendChild(li);
    });
  }

  function showEvents(data) {
    var list = document.getElementById('events');
    data.events.forEach(function (e) {
      var text = e.time + ' ' + e.type + ' ' + (e.pool || '') + ' — ' + (e.message || '');
      list.appendChild(el('li', text, e.level === 'warn' || e.level === 'error' ? 'warn' : ''));
    });
    while (list.children.length > MAX_EVENTS) { list.removeChild(list.firstChild); }
    if (data.events.length) { list.scrollTop = list.scrollHeight; } // newest last, in view
    eventsSince = data.last_id;
  }

  function showHealth(data) {
    var badge = document.getElementById('health');
    badge.textContent = 'health: ' + data.status;
    badge.className = 'badge ' + data.status;
  }

  function poll() {
    Promise.all([
      getJson('/health').then(showHealth),
      getJson('/api/pools').then(showPools),
      getJson('/api/holders').then(showHolders),
      getJson('/api/statements?sort=total').then(showStatements),
      getJson('/api/events?since=' + eventsSince).then(showEvents),
      getJson('/api/recommendations').then(showRecommendations)
    ]).then(function () {
      document.getElementById('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
    }, function (err) {
      document.getElementById('updated').textContent = 'update failed: ' + err.message;
    }).then(function () { setTimeout(poll, POLL_MS); });
  }

  poll();
})();
