/*
 * dashboard.js - the entente dashboard: the alliances in a store, drawn
 * from window.ENTENTE_DATA (a report written by `entente report`) or, when
 * that is absent, from a live server's /api/... endpoints. Charts use
 * Chart.js (inlined before this script); the network is drawn on a canvas.
 * Every text from the data goes into the page through textContent or text
 * nodes, never as HTML.
 *
 * window.ENTENTE_DATA (report mode) holds these pieces; each live endpoint
 * returns the piece named beside it, with the same shape. The page passes
 * on from=YYYY-MM-DD and to=YYYY-MM-DD (events, dyads, align, network) and
 * level=country|actor (dyads, align, network) from its own URL; the
 * server counts the default modes (asserted and reported) in the analyses.
 *
 *   generator, generated, db: strings (report only: "entente 0.1.0", the
 *       UTC time of writing, the store's file name)
 *   query: {from, to, by, level, modes: [..], top, events} (report only;
 *       live, the page reads the same names from its own URL: ?by=week...)
 *   summary                          GET /api/summary
 *       {documents, near_duplicates, sentences, events,
 *        by_mode: {asserted, negated, hypothetical, reported},
 *        by_quad: {verbal_coop, material_coop, verbal_conflict, material_conflict},
 *        first_date, last_date, from, to}
 *       (events within from..to, every mode; dates may be null)
 *   top_dyads                        GET /api/dyads?by=all
 *       [{period: "all", source, target, events, verbal_coop, material_coop,
 *         verbal_conflict, material_conflict, goldstein_sum, goldstein_mean,
 *         sources}]  (directed dyads; the report keeps the top N by events,
 *         the live page sorts and cuts the full list itself)
 *   pairs: [{a, b}]  the pairs to chart (report only; live: ?pairs=IRN:RUS,..
 *       else the 3 busiest undirected pairs plus IRN:RUS, as in the report)
 *   series: {"A:B": rows}            GET /api/dyads?a=A&b=B&by=month
 *       rows as top_dyads, one per period and direction, period = first day
 *   align: {"A:B": {a, b, periods: [{period, ab_events, ba_events,
 *         ab_goldstein, ba_goldstein, similarity (null when undefined),
 *         third_parties, diverge: [{actor, gap}]}]}}
 *                                    GET /api/align?a=A&b=B&by=month
 *   network                          GET /api/network
 *       {nodes: [{id}], edges: [{source, target, events, coop, conflict,
 *         goldstein_sum}]}
 *   events                           GET /api/events?limit=200 (&a=A&b=B)
 *       [{id, doc, sentence, date, source, source_text, target, target_text,
 *         code, root, name, quad, goldstein, plover, mode, place, place_text,
 *         place_country, title, news_source, url,
 *         text (the sentence), source_span, target_span}]
 *       latest first; spans are [start, end) byte offsets into the UTF-8
 *       sentence, or null
 *
 * The live page also accepts the server's own records (docs/api.md):
 * normSummary and normEvents turn them into the shapes above.
 */
(function () {
  'use strict';
  window.ENTENTE_APP = true; /* tells the page's loader the app is here */

  var QUAD_NAMES = ['verbal cooperation', 'material cooperation', 'verbal conflict',
                    'material conflict'];
  var COOP = '#2563eb', CONFLICT = '#dc2626', NEUTRAL = '#6b7280', ALIGN = '#7c3aed';
  var charts = {};
  var state = { data: null, live: false, pair: null };

  /* ---- DOM helpers (text only) ---- */

  function $(id) { return document.getElementById(id); }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function fmt(n, digits) {
    if (n === null || n === undefined || isNaN(n)) return '–';
    return Number(n).toLocaleString('en-US', {
      minimumFractionDigits: digits || 0, maximumFractionDigits: digits || 0 });
  }

  function setStatus(msg) { $('status').textContent = msg || ''; }

  /* ---- loading: embedded data, or the live API ---- */

  function queryFromUrl() {
    var p = new URLSearchParams(window.location.search);
    return {
      from: p.get('from'), to: p.get('to'), by: p.get('by') || 'month',
      level: p.get('level') || 'country', modes: ['asserted', 'reported'],
      top: parseInt(p.get('top') || '20', 10), events: parseInt(p.get('events') || '200', 10),
      pairs: p.get('pairs')
    };
  }

  /* The query parameters each endpoint takes besides its own (extra). */
  var API_TAKES = {
    '/api/summary': [], '/api/events': ['from', 'to'],
    '/api/dyads': ['from', 'to', 'level'], '/api/align': ['from', 'to', 'level'],
    '/api/network': ['from', 'to', 'level']
  };

  function apiUrl(path, extra) {
    var q = state.data.query, p = new URLSearchParams();
    (API_TAKES[path] || []).forEach(function (k) { if (q[k]) p.set(k, q[k]); });
    Object.keys(extra || {}).forEach(function (k) { p.set(k, extra[k]); });
    var qs = p.toString();
    return qs ? path + '?' + qs : path;
  }

  function getJSON(url) {
    return fetch(url, { headers: { Accept: 'application/json' } }).then(function (r) {
      if (!r.ok) throw new Error(url + ': HTTP ' + r.status);
      return r.json();
    });
  }

  function byEventsDesc(x, y) {
    return y.events - x.events || (x.source < y.source ? -1 : x.source > y.source ? 1 : 0) ||
      (x.target < y.target ? -1 : x.target > y.target ? 1 : 0);
  }

  /* The 3 busiest undirected pairs, plus IRN:RUS when both appear (as the
   * report chooses them). */
  function defaultPairs(rows) {
    var sums = {}, order = [];
    rows.forEach(function (r) {
      var a = r.source < r.target ? r.source : r.target;
      var b = r.source < r.target ? r.target : r.source;
      var k = a + ':' + b;
      if (!(k in sums)) { sums[k] = { a: a, b: b, events: 0 }; order.push(k); }
      sums[k].events += r.events;
    });
    var list = order.map(function (k) { return sums[k]; });
    list.sort(function (x, y) {
      return y.events - x.events || (x.a < y.a ? -1 : x.a > y.a ? 1 : 0) ||
        (x.b < y.b ? -1 : x.b > y.b ? 1 : 0);
    });
    var pairs = list.slice(0, 3).map(function (p) { return { a: p.a, b: p.b }; });
    var has = function (c) {
      return rows.some(function (r) { return r.source.indexOf(c) === 0 || r.target.indexOf(c) === 0; });
    };
    var present = pairs.some(function (p) { return p.a === 'IRN' && p.b === 'RUS'; });
    if (!present && has('IRN') && has('RUS')) pairs.push({ a: 'IRN', b: 'RUS' });
    return pairs;
  }

  /* The server's own record shapes (docs/api.md) in the shapes above. */
  function normSummary(s) {
    if (!s || s.by_mode) return s;
    return {
      documents: s.documents, near_duplicates: s.duplicates || s.near_duplicates || 0,
      sentences: s.sentences, events: s.events, by_mode: s.modes || {}, by_quad: s.quad || {},
      first_date: s.dates ? s.dates.from : s.first_date, last_date: s.dates ? s.dates.to : s.last_date
    };
  }

  function normEvents(x) {
    var list = Array.isArray(x) ? x : (x && x.events) || [];
    return list.map(function (ev) {
      if (!ev.source || typeof ev.source !== 'object') return ev;
      var base = ev.span ? ev.span[0] : null, pl = ev.place || {};
      var rel = function (sp) { return sp && base !== null ? [sp[0] - base, sp[1] - base] : null; };
      return {
        id: ev.id, doc: ev.doc, sentence: ev.sentence, date: ev.date,
        source: ev.source.code, source_text: ev.source.text,
        target: ev.target.code, target_text: ev.target.text,
        code: ev.code, root: ev.root, name: ev.name || null, quad: ev.quad,
        goldstein: ev.goldstein, plover: ev.plover, mode: ev.mode,
        place: pl.name || null, place_text: pl.text || null, place_country: pl.country || null,
        title: ev.doc_title || null, news_source: ev.doc_source || null, url: ev.doc_url || null,
        text: ev.text, source_span: rel(ev.source.span), target_span: rel(ev.target.span)
      };
    });
  }

  function loadLive() {
    var q = queryFromUrl();
    state.live = true;
    state.data = { query: q, series: {}, align: {} };
    setStatus('Loading from the server…');
    return Promise.all([
      getJSON(apiUrl('/api/summary')),
      getJSON(apiUrl('/api/dyads', { by: 'all' })),
      getJSON(apiUrl('/api/network')),
      getJSON(apiUrl('/api/events', { limit: String(q.events) }))
    ]).then(function (got) {
      var d = state.data, all = got[1].slice().sort(byEventsDesc);
      d.summary = normSummary(got[0]);
      d.top_dyads = all.slice(0, q.top);
      d.network = got[2];
      d.events = normEvents(got[3]);
      d.pairs = q.pairs ? q.pairs.split(',').map(function (s) {
        var ab = s.split(/[:-]/); return { a: ab[0], b: ab[1] };
      }).filter(function (p) { return p.a && p.b; }) : defaultPairs(all);
      setStatus('');
      return d;
    });
  }

  /* The series and alignment of a pair: embedded, or fetched once. */
  function pairData(p) {
    var d = state.data, key = p.a + ':' + p.b;
    if (d.series[key] && d.align[key])
      return Promise.resolve({ series: d.series[key], align: d.align[key] });
    if (!state.live)
      return Promise.resolve({ series: d.series[key] || [], align: d.align[key] || { periods: [] } });
    var by = d.query.by;
    return Promise.all([
      getJSON(apiUrl('/api/dyads', { a: p.a, b: p.b, by: by })),
      getJSON(apiUrl('/api/align', { a: p.a, b: p.b, by: by }))
    ]).then(function (got) {
      d.series[key] = got[0];
      d.align[key] = got[1];
      return { series: got[0], align: got[1] };
    });
  }

  /* ---- periods ---- */

  function parseDay(s) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s || '');
    return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
  }

  function dayString(t) { return t.toISOString().slice(0, 10); }

  /* Every period from the first to the last seen (so that empty periods
   * show as zero), or just the ones seen when that would be too many. */
  function fillPeriods(seen, by) {
    var dated = seen.filter(function (s) { return parseDay(s); }).sort();
    var other = seen.filter(function (s) { return !parseDay(s); });
    if (dated.length < 2 || by === 'all') return dated.concat(other);
    var out = [], t = parseDay(dated[0]), last = parseDay(dated[dated.length - 1]);
    while (t <= last && out.length <= 2000) {
      out.push(dayString(t));
      if (by === 'day') t.setUTCDate(t.getUTCDate() + 1);
      else if (by === 'week') t.setUTCDate(t.getUTCDate() + 7);
      else if (by === 'year') t.setUTCFullYear(t.getUTCFullYear() + 1);
      else if (by === 'quarter') t.setUTCMonth(t.getUTCMonth() + 3);
      else t.setUTCMonth(t.getUTCMonth() + 1);
    }
    if (out.length > 2000) return dated.concat(other);
    return out.concat(other);
  }

  function label(period, by) {
    if (by === 'month') return period.slice(0, 7);
    if (by === 'year') return period.slice(0, 4);
    if (by === 'quarter' && /^\d{4}-\d{2}/.test(period))
      return period.slice(0, 4) + '-Q' + (Math.floor((+period.slice(5, 7) - 1) / 3) + 1);
    return period;
  }

  function uniq(list) {
    var seen = {}, out = [];
    list.forEach(function (x) { if (!seen[x]) { seen[x] = 1; out.push(x); } });
    return out;
  }

  /* ---- the summary ---- */

  function card(value, labelText, detail) {
    var c = el('div', null, 'card');
    c.appendChild(el('div', value, 'value'));
    c.appendChild(el('div', labelText, 'label'));
    if (detail) c.appendChild(el('div', detail, 'detail'));
    return c;
  }

  function renderSummary(d) {
    var s = d.summary || {}, q = d.query || {}, box = $('summary');
    var bits = [];
    if (d.db) bits.push('store ' + d.db);
    if (d.generated) bits.push('written ' + d.generated);
    if (d.generator) bits.push(d.generator);
    bits.push('periods: ' + q.by, 'level: ' + q.level,
              'charts and tables count ' + (q.modes || []).join(' and ') + ' events');
    if (q.from || q.to) bits.push('dates ' + (q.from || '…') + ' to ' + (q.to || '…'));
    $('provenance').textContent = bits.join(' · ');
    clear(box);
    var m = s.by_mode || {}, qd = s.by_quad || {};
    box.appendChild(card(fmt(s.documents), 'documents',
      s.near_duplicates ? fmt(s.near_duplicates) + ' near-duplicates not coded again' : null));
    box.appendChild(card(fmt(s.sentences), 'sentences'));
    box.appendChild(card(fmt(s.events), 'events (every mode)',
      fmt(m.asserted) + ' asserted, ' + fmt(m.reported) + ' reported, ' +
      fmt(m.hypothetical) + ' hypothetical, ' + fmt(m.negated) + ' negated'));
    var coop = (qd.verbal_coop || 0) + (qd.material_coop || 0);
    var confl = (qd.verbal_conflict || 0) + (qd.material_conflict || 0);
    box.appendChild(card(fmt(coop), 'cooperation',
      fmt(qd.verbal_coop) + ' verbal, ' + fmt(qd.material_coop) + ' material'));
    box.appendChild(card(fmt(confl), 'conflict',
      fmt(qd.verbal_conflict) + ' verbal, ' + fmt(qd.material_conflict) + ' material'));
    box.appendChild(card((s.first_date || '–') + ' – ' + (s.last_date || '–'), 'event dates'));
  }

  /* ---- a pair: cooperation and conflict, alignment ---- */

  function renderPairSelect(d) {
    var sel = $('pair');
    clear(sel);
    (d.pairs || []).forEach(function (p, i) {
      var o = el('option', p.a + ' – ' + p.b);
      o.value = String(i);
      sel.appendChild(o);
    });
    sel.onchange = function () { selectPair(d.pairs[+sel.value]); };
    if (!d.pairs || !d.pairs.length) {
      $('pair-note').textContent = 'No pairs: the store has no events between two actors yet.';
      return;
    }
    selectPair(d.pairs[0]);
  }

  function selectPair(p) {
    state.pair = p;
    pairData(p).then(function (pd) {
      var by = state.data.query.by;
      var seen = pd.series.map(function (r) { return r.period; })
        .concat(((pd.align && pd.align.periods) || []).map(function (r) { return r.period; }));
      state.periods = fillPeriods(uniq(seen), by); /* one time axis for both charts */
      state.shown = pd;
      renderVerdict(p, pd.align);
      renderDyadChart(p, pd.series);
      renderAlignChart(p, pd.align);
      renderDiverge(p, pd.align);
      renderEvents();
    }).catch(function (e) { setStatus('Could not load the pair: ' + e.message); });
  }

  function makeChart(id, config) {
    if (charts[id]) charts[id].destroy();
    if (typeof Chart === 'undefined') {
      setStatus('Chart.js is missing: the charts cannot be drawn.');
      return;
    }
    charts[id] = new Chart($(id), config);
    /* what was drawn, for the browser test: one word per dataset
     * ("bar", "step" or "line": a line that is not stepped) and the periods */
    $(id).setAttribute('data-drawn', config.data.datasets.map(function (ds) {
      var t = ds.type || config.type;
      return t === 'bar' ? 'bar' : ds.stepped && !ds.tension ? 'step' : 'line';
    }).join(' '));
    $(id).setAttribute('data-periods', String(config.data.labels.length));
    $(id).setAttribute('data-first', String(config.data.labels[0] || ''));
  }

  function renderDyadChart(p, rows) {
    var by = state.data.query.by;
    var periods = state.periods;
    var idx = {};
    periods.forEach(function (x, i) { idx[x] = i; });
    var coop = periods.map(function () { return 0; });
    var confl = coop.slice(), gold = coop.slice(), ab = coop.slice(), ba = coop.slice();
    rows.forEach(function (r) {
      var i = idx[r.period];
      if (i === undefined) return;
      coop[i] += r.verbal_coop + r.material_coop;
      confl[i] += r.verbal_conflict + r.material_conflict;
      gold[i] += r.goldstein_sum || 0;
      if (r.source.indexOf(p.a) === 0) ab[i] += r.events; else ba[i] += r.events;
    });
    var total = coop.reduce(function (s, x) { return s + x; }, 0) +
      confl.reduce(function (s, x) { return s + x; }, 0);
    $('pair-note').textContent = total ? fmt(total) + ' events between ' + p.a + ' and ' + p.b +
      ' (' + fmt(ab.reduce(function (s, x) { return s + x; }, 0)) + ' ' + p.a + ' → ' + p.b +
      ', ' + fmt(ba.reduce(function (s, x) { return s + x; }, 0)) + ' ' + p.b + ' → ' + p.a + ')'
      : 'No ' + (state.data.query.modes || []).join(' or ') + ' events between ' + p.a +
        ' and ' + p.b + ' in these dates.';
    makeChart('dyad-chart', {
      type: 'bar',
      data: {
        labels: periods.map(function (x) { return label(x, by); }),
        datasets: [
          { label: 'cooperation (quad 1–2)', data: coop, backgroundColor: COOP + 'cc',
            stack: 'events', yAxisID: 'y', order: 1 },
          { label: 'conflict (quad 3–4)', data: confl, backgroundColor: CONFLICT + 'cc',
            stack: 'events', yAxisID: 'y', order: 1 },
          { type: 'line', label: 'net Goldstein (sum)', data: gold, borderColor: NEUTRAL,
            borderDash: [5, 4], pointRadius: 2, fill: false, tension: 0, stepped: 'middle',
            yAxisID: 'y1', order: 0 }
        ]
      },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: { stacked: true },
          y: { stacked: true, beginAtZero: true, title: { display: true, text: 'events' },
               ticks: { precision: 0 } },
          y1: { position: 'right', title: { display: true, text: 'Goldstein' },
                grid: { drawOnChartArea: false } }
        }
      }
    });
  }

  /* The verdict line and the third parties that drive it. */
  function renderVerdict(p, al) {
    var v = al && al.verdict, box = $('verdict');
    box.textContent = v ? v.text : 'No verdict for ' + p.a + '–' + p.b + '.';
    box.className = 'verdict' + (v && v.change ? (v.after < v.before ? ' neg' : ' pos') : '');
    var list = $('drivers');
    clear(list);
    ((al && al.drivers) || []).forEach(function (d) {
      var li = el('li');
      li.appendChild(el('span', d.actor, 'code'));
      li.appendChild(el('span', ' gap ' + fmt(d.gap, 2) + ': ' + p.a + ' ' +
        fmt(d.a_quad[0] + d.a_quad[1]) + ' coop / ' + fmt(d.a_quad[2] + d.a_quad[3]) +
        ' conflict, ' + p.b + ' ' + fmt(d.b_quad[0] + d.b_quad[1]) + ' coop / ' +
        fmt(d.b_quad[2] + d.b_quad[3]) + ' conflict. '));
      (d.events || []).forEach(function (e) {
        li.appendChild(el('span', e.date + ' ' + e.source + ' → ' + e.target + ' ' + e.code +
          ' ' + (codeName(e.code) || '') + ' (doc ' + e.doc + ', sentence ' + e.sentence + '); ',
          'muted'));
      });
      list.appendChild(li);
    });
  }

  /* The CAMEO name of a code, from the events the page holds. */
  function codeName(code) {
    var ev = (state.data.events || []).filter(function (x) { return x.code === code && x.name; })[0];
    return ev ? ev.name : (state.data.names || {})[code] || '';
  }

  /* What the pair's charts show, as CSV. */
  function pairCsv(p) {
    var pd = state.shown || {}, at = {}, rows = ['period,coop,conflict,goldstein_sum,' +
      'similarity,sim_lo,sim_hi,a_events,b_events,ab_events,ba_events'];
    ((pd.align && pd.align.periods) || []).forEach(function (r) { at[r.period] = r; });
    var sums = {};
    (pd.series || []).forEach(function (r) {
      var x = sums[r.period] || (sums[r.period] = { c: 0, k: 0, g: 0 });
      x.c += r.verbal_coop + r.material_coop;
      x.k += r.verbal_conflict + r.material_conflict;
      x.g += r.goldstein_sum || 0;
    });
    var v = function (x) { return x === null || x === undefined ? '' : String(x); };
    (state.periods || []).forEach(function (per) {
      var a = at[per] || {}, s2 = sums[per] || { c: 0, k: 0, g: 0 };
      rows.push([per, s2.c, s2.k, s2.g.toFixed(2), v(a.similarity), v(a.sim_lo), v(a.sim_hi),
        v(a.a_events), v(a.b_events), v(a.ab_events), v(a.ba_events)].join(','));
    });
    return rows.join('\n') + '\n';
  }

  function download(name, text) {
    var a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
    a.download = name;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
  }

  function renderAlignChart(p, al) {
    var by = state.data.query.by, rows = (al && al.periods) || [];
    var periods = state.periods, v = al && al.verdict;
    var at = {};
    rows.forEach(function (r) { at[r.period] = r; });
    var pick = function (k) {
      return periods.map(function (x) { return at[x] && at[x][k] !== undefined ? at[x][k] : null; });
    };
    /* the verdict: the mean before and from the change, as a step */
    var level = periods.map(function (x) {
      if (!v || v.before === null) return null;
      return v.change && x >= v.from ? v.after : v.before;
    });
    makeChart('align-chart', {
      type: 'bar',
      data: {
        labels: periods.map(function (x) { return label(x, by); }),
        datasets: [
          { type: 'line', label: 'interval (90 %)', data: pick('sim_hi'), borderColor: 'transparent',
            backgroundColor: ALIGN + '22', pointRadius: 0, fill: '+1', tension: 0, stepped: 'middle',
            yAxisID: 'y', order: 0 },
          { type: 'line', label: 'interval low', data: pick('sim_lo'), borderColor: 'transparent',
            pointRadius: 0, fill: false, tension: 0, stepped: 'middle', yAxisID: 'y', order: 0 },
          { type: 'line', label: 'similarity toward third parties', data: pick('similarity'),
            borderColor: ALIGN, backgroundColor: ALIGN, spanGaps: false, pointRadius: 4,
            tension: 0, stepped: 'middle', yAxisID: 'y', order: 0 },
          { type: 'line', label: 'verdict', data: level, borderColor: '#111827', borderDash: [6, 3],
            pointRadius: 0, tension: 0, stepped: 'middle', fill: false, yAxisID: 'y', order: 0 },
          { type: 'bar', label: p.a + ' → ' + p.b + ' Goldstein', data: pick('ab_goldstein'),
            backgroundColor: COOP + '99', yAxisID: 'y1', order: 1 },
          { type: 'bar', label: p.b + ' → ' + p.a + ' Goldstein', data: pick('ba_goldstein'),
            backgroundColor: '#0d9488' + '99', yAxisID: 'y1', order: 1 }
        ]
      },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        plugins: {
          legend: { labels: { filter: function (it) { return it.text !== 'interval low'; } } },
          tooltip: { callbacks: { footer: function (items) {
            var r = items.length ? at[periods[items[0].dataIndex]] : null;
            if (!r) return '';
            return 'n = ' + r.a_events + ' ' + p.a + ' + ' + r.b_events + ' ' + p.b +
              ' third-party events' + (r.too_few ? ' (too few for a similarity)' : '');
          } } }
        },
        scales: {
          y: { min: 0, max: 1, title: { display: true, text: 'similarity (0–1)' } },
          y1: { position: 'right', title: { display: true, text: 'Goldstein sum' },
                grid: { drawOnChartArea: false } }
        }
      }
    });
  }

  function renderDiverge(p, al) {
    var body = $('diverge').tBodies[0];
    clear(body);
    ((al && al.periods) || []).forEach(function (r) {
      if (!r.diverge || !r.diverge.length) return;
      var tr = el('tr');
      tr.appendChild(el('td', r.period, 'nowrap'));
      tr.appendChild(el('td', r.similarity === null ? '–' : fmt(r.similarity, 2), 'num'));
      tr.appendChild(el('td', r.third_parties, 'num'));
      tr.appendChild(el('td', r.diverge.map(function (x) {
        return x.actor + ' ' + (x.gap > 0 ? '+' : '') + fmt(x.gap, 2);
      }).join(', ')));
      body.appendChild(tr);
    });
    if (!body.rows.length) {
      var tr = el('tr'), td = el('td', 'No third party that either treats differently.', 'muted');
      td.colSpan = 4;
      tr.appendChild(td);
      body.appendChild(tr);
    }
  }

  /* ---- top dyads ---- */

  function renderDyads(d) {
    var body = $('dyads').tBodies[0];
    clear(body);
    (d.top_dyads || []).forEach(function (r) {
      var tr = el('tr');
      tr.appendChild(el('td', r.source, 'code'));
      tr.appendChild(el('td', r.target, 'code'));
      [r.events, r.verbal_coop, r.material_coop, r.verbal_conflict, r.material_conflict]
        .forEach(function (v) { tr.appendChild(el('td', fmt(v), 'num')); });
      tr.appendChild(el('td', fmt(r.goldstein_sum, 1), 'num ' + (r.goldstein_sum >= 0 ? 'pos' : 'neg')));
      tr.appendChild(el('td', fmt(r.goldstein_mean, 2), 'num'));
      tr.appendChild(el('td', fmt(r.sources), 'num'));
      body.appendChild(tr);
    });
  }

  /* ---- the network: a circle of the busiest actors ---- */

  function renderNetwork(d) {
    var canvas = $('network'), ctx = canvas.getContext('2d');
    var net = d.network || { nodes: [], edges: [] }, MAXN = 40;
    var ratio = window.devicePixelRatio || 1, W = 640, H = 560;
    canvas.width = W * ratio;
    canvas.height = H * ratio;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, W, H);
    var weight = {};
    net.edges.forEach(function (e) {
      weight[e.source] = (weight[e.source] || 0) + e.events;
      weight[e.target] = (weight[e.target] || 0) + e.events;
    });
    var nodes = net.nodes.map(function (n) { return n.id; }).sort(function (x, y) {
      return weight[y] - weight[x] || (x < y ? -1 : 1);
    }).slice(0, MAXN);
    if (!nodes.length) {
      ctx.fillStyle = NEUTRAL;
      ctx.font = '14px sans-serif';
      ctx.fillText('No events between actors yet.', 20, 30);
      return;
    }
    var cx = W / 2, cy = H / 2, R = Math.min(W, H) / 2 - 70, pos = {};
    nodes.forEach(function (id, i) {
      var t = -Math.PI / 2 + 2 * Math.PI * i / nodes.length;
      pos[id] = { x: cx + R * Math.cos(t), y: cy + R * Math.sin(t), t: t };
    });
    var maxw = Math.max.apply(null, nodes.map(function (id) { return weight[id]; }));
    var radius = function (id) { return 4 + 10 * Math.sqrt(weight[id] / maxw); };
    /* edges: bend each to its right, so A->B and B->A stay apart */
    net.edges.forEach(function (e) {
      var a = pos[e.source], b = pos[e.target];
      if (!a || !b) return;
      var mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2, dx = b.x - a.x, dy = b.y - a.y;
      var len = Math.sqrt(dx * dx + dy * dy) || 1, bend = 0.12 * len;
      var qx = mx + bend * dy / len, qy = my - bend * dx / len;
      var color = e.coop >= e.conflict ? COOP : CONFLICT;
      ctx.strokeStyle = color;
      ctx.globalAlpha = 0.65;
      ctx.lineWidth = 1 + Math.log(1 + e.events) * 1.5;
      ctx.beginPath();
      ctx.moveTo(a.x, a.y);
      ctx.quadraticCurveTo(qx, qy, b.x, b.y);
      ctx.stroke();
      /* arrowhead at the target's rim */
      var ang = Math.atan2(b.y - qy, b.x - qx), rb = radius(e.target) + 2;
      var tx = b.x - rb * Math.cos(ang), ty = b.y - rb * Math.sin(ang);
      ctx.globalAlpha = 0.9;
      ctx.fillStyle = color;
      ctx.beginPath();
      ctx.moveTo(tx, ty);
      ctx.lineTo(tx - 9 * Math.cos(ang - 0.4), ty - 9 * Math.sin(ang - 0.4));
      ctx.lineTo(tx - 9 * Math.cos(ang + 0.4), ty - 9 * Math.sin(ang + 0.4));
      ctx.closePath();
      ctx.fill();
    });
    ctx.globalAlpha = 1;
    nodes.forEach(function (id) {
      var p = pos[id], r = radius(id);
      ctx.fillStyle = '#1d2330';
      ctx.beginPath();
      ctx.arc(p.x, p.y, r, 0, 2 * Math.PI);
      ctx.fill();
      ctx.font = '12px sans-serif';
      ctx.textAlign = Math.cos(p.t) < -0.1 ? 'right' : Math.cos(p.t) > 0.1 ? 'left' : 'center';
      ctx.textBaseline = Math.sin(p.t) < -0.1 ? 'bottom' : Math.sin(p.t) > 0.1 ? 'top' : 'middle';
      ctx.fillText(id, p.x + (r + 6) * Math.cos(p.t), p.y + (r + 6) * Math.sin(p.t));
    });
    if (net.nodes.length > MAXN) {
      ctx.textAlign = 'left';
      ctx.textBaseline = 'top';
      ctx.fillStyle = NEUTRAL;
      ctx.fillText('the ' + MAXN + ' busiest of ' + net.nodes.length + ' actors', 8, 8);
    }
  }

  /* ---- the latest events ---- */

  var encoder = new TextEncoder(), decoder = new TextDecoder();

  /* The byte span of words in a sentence: given, else their first place. */
  function byteSpan(text, span, words) {
    if (span && span.length === 2) return span;
    if (!words) return null;
    var i = text.indexOf(words);
    if (i < 0) return null;
    var s = encoder.encode(text.slice(0, i)).length;
    return [s, s + encoder.encode(words).length];
  }

  /* The sentence as text nodes, with the source and target words in <mark>. */
  function sentenceNode(ev) {
    var td = el('td', null, 'sentence'), text = ev.text || '';
    if (!text) { td.textContent = '(sentence not stored)'; td.className += ' muted'; return td; }
    var bytes = encoder.encode(text);
    var marks = [];
    var s = byteSpan(text, ev.source_span, ev.source_text);
    var t = byteSpan(text, ev.target_span, ev.target_text);
    if (s) marks.push({ s: s[0], e: s[1], cls: 'source', title: 'source: ' + ev.source });
    if (t) marks.push({ s: t[0], e: t[1], cls: 'target', title: 'target: ' + ev.target });
    marks.sort(function (x, y) { return x.s - y.s; });
    var at = 0;
    marks.forEach(function (m) {
      if (m.s < at || m.e > bytes.length || m.e <= m.s) return; /* overlapping or bad */
      td.appendChild(document.createTextNode(decoder.decode(bytes.subarray(at, m.s))));
      var mk = el('mark', decoder.decode(bytes.subarray(m.s, m.e)), m.cls);
      mk.title = m.title;
      td.appendChild(mk);
      at = m.e;
    });
    td.appendChild(document.createTextNode(decoder.decode(bytes.subarray(at))));
    return td;
  }

  function involvesPair(ev, p) {
    var s = ev.source || '', t = ev.target || '';
    return (s.indexOf(p.a) === 0 && t.indexOf(p.b) === 0) ||
      (s.indexOf(p.b) === 0 && t.indexOf(p.a) === 0);
  }

  function actorCell(code, words) {
    var span = el('span');
    span.appendChild(el('span', code, 'code'));
    if (words) span.appendChild(el('span', ' (' + words + ')', 'muted'));
    return span;
  }

  function renderEvents() {
    var d = state.data, body = $('events').tBodies[0], only = $('events-pair-only').checked;
    var list = (d.events || []).filter(function (ev) {
      return !only || !state.pair || involvesPair(ev, state.pair);
    });
    clear(body);
    list.forEach(function (ev) {
      var tr = el('tr');
      tr.appendChild(el('td', ev.date || '–', 'nowrap'));
      var who = el('td');
      who.appendChild(actorCell(ev.source, ev.source_text));
      who.appendChild(el('span', ' → '));
      who.appendChild(actorCell(ev.target, ev.target_text));
      tr.appendChild(who);
      var what = el('td');
      what.appendChild(el('span', ev.code, 'code'));
      what.appendChild(el('span', ' ' + (ev.name || '')));
      what.title = (QUAD_NAMES[ev.quad - 1] || '') + '; Goldstein ' + fmt(ev.goldstein, 1) +
        (ev.plover ? '; PLOVER ' + ev.plover : '');
      what.className = ev.quad <= 2 ? 'pos' : 'neg';
      tr.appendChild(what);
      var mode = el('td');
      mode.appendChild(el('span', ev.mode, 'mode mode-' + ev.mode));
      tr.appendChild(mode);
      var place = el('td', ev.place ? ev.place + (ev.place_country ? ', ' + ev.place_country : '') : '–');
      if (ev.place_text) place.title = 'named as: ' + ev.place_text;
      tr.appendChild(place);
      var sent = sentenceNode(ev);
      sent.title = [ev.title, ev.news_source, ev.doc].filter(Boolean).join(' · ');
      tr.appendChild(sent);
      body.appendChild(tr);
    });
    $('events-count').textContent = ' ' + fmt(list.length) + ' of the latest ' +
      fmt((d.events || []).length) + ' events (every mode)';
  }

  /* ---- start ---- */

  function render(d) {
    state.data = d;
    d.series = d.series || {};
    d.align = d.align || {};
    renderSummary(d);
    renderDyads(d);
    renderNetwork(d);
    renderEvents();
    renderPairSelect(d);
    $('events-pair-only').onchange = renderEvents;
    var per = $('period');
    per.value = d.query.by || 'month';
    per.disabled = !state.live;
    per.title = state.live ? '' : 'a report is written for one period: run entente report --by …';
    per.onchange = function () {
      var u = new URLSearchParams(window.location.search);
      u.set('by', per.value);
      window.location.search = u.toString();
    };
    $('csv').onclick = function () {
      if (state.pair) download(state.pair.a + '-' + state.pair.b + '.csv', pairCsv(state.pair));
    };
  }

  function start() {
    var embedded = window.ENTENTE_DATA;
    var ready = embedded ? Promise.resolve(embedded) : loadLive();
    ready.then(render).catch(function (e) {
      setStatus('Could not load the data: ' + e.message);
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
