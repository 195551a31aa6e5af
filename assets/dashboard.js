/*
 * dashboard.js - the entente dashboard: the alliances in a store, drawn
 * from window.ENTENTE_DATA (a report written by `entente report`) or, when
 * that is absent, from a live server's /api/... endpoints. Charts use
 * Chart.js, the network cytoscape.js (its cose force-directed layout), the
 * map Leaflet over the world-atlas country shapes (no tiles): all inlined
 * before this script, or loaded from the server.
 * Every text from the data goes into the page through textContent or text
 * nodes, never as HTML.
 *
 * window.ENTENTE_DATA (report mode) holds these pieces; each live endpoint
 * returns the piece named beside it, with the same shape. The page passes
 * on from=YYYY-MM-DD and to=YYYY-MM-DD (events, dyads, align, network) and
 * level=country|actor (dyads, align, network) from its own URL, and
 * modes=asserted,reported,... when the URL has it (else the server counts
 * the default modes, asserted and reported).
 *
 *   generator, generated, db: strings (report only: "entente 0.1.0", the
 *       UTC time of writing, the store's file name)
 *   query: {from, to, by, level, modes: [..], top, events, min_events}
 *       (report only; live, the page reads the same names from its own URL:
 *       ?by=week&min_events=3..., and passes min_events on to /api/align)
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
 *   names: {"042": "Make a visit", ...}  GET /cameo.tsv (code, name columns)
 *   places: {names: [[place, country, lat, lon]], rows: [[name index, day,
 *         source, target, mode, quad, events]], truncated} (report only:
 *         every event with coordinates, every mode, by day and dyad, for the
 *         page to filter; live: GET /api/places?a=A&b=B&from&to&modes, an
 *         array of {place, country, lat, lon, source, target, events,
 *         quad: [4], modes: {...}})
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
  window.ENTENTE_VIEW = {};  /* the network, the map and the charts, for scripts and tests */

  var QUAD_NAMES = ['verbal cooperation', 'material cooperation', 'verbal conflict',
                    'material conflict'];
  var COOP = '#2563eb', CONFLICT = '#dc2626', NEUTRAL = '#6b7280', ALIGN = '#7c3aed';
  var QUAD_COLORS = ['#60a5fa', '#1d4ed8', '#f59e0b', '#dc2626'];
  var MODES = ['asserted', 'reported', 'hypothetical', 'negated'];
  var NET_TOP = 40, NET_FONT = 14; /* edges drawn; label size in screen pixels */
  var charts = {};
  window.ENTENTE_VIEW.charts = charts;
  /* focus: the actor followed (a network node) and the place picked (a map
   * circle); filter: the report's own date range and modes (a live page
   * reloads with them in its URL instead) */
  var state = { data: null, live: false, pair: null, focus: { actor: null, place: null },
                filter: { from: null, to: null, modes: null }, mapPeriod: '' };

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
    var p = new URLSearchParams(window.location.search), modes = p.get('modes');
    return {
      from: p.get('from'), to: p.get('to'), by: p.get('by') || 'month',
      level: p.get('level') || 'country',
      modes: modes ? modes.split(',') : ['asserted', 'reported'], modesGiven: !!modes,
      top: parseInt(p.get('top') || '20', 10), events: parseInt(p.get('events') || '200', 10),
      pairs: p.get('pairs'), min_events: p.get('min_events')
    };
  }

  /* The query parameters each endpoint takes besides its own (extra). */
  var API_TAKES = {
    '/api/summary': [], '/api/events': ['from', 'to', 'modes'],
    '/api/dyads': ['from', 'to', 'level', 'modes'],
    '/api/align': ['from', 'to', 'level', 'modes', 'min_events'],
    '/api/network': ['from', 'to', 'level', 'modes'], '/api/places': ['from', 'to', 'level', 'modes']
  };

  function apiUrl(path, extra) {
    var q = state.data.query, p = new URLSearchParams();
    (API_TAKES[path] || []).forEach(function (k) {
      if (k === 'modes') { if (q.modesGiven) p.set(k, q.modes.join(',')); } else if (q[k]) p.set(k, q[k]);
    });
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
      getJSON(apiUrl('/api/events', { limit: String(q.events) })),
      fetch('/cameo.tsv').then(function (r) { return r.ok ? r.text() : ''; })
        .catch(function () { return ''; })
    ]).then(function (got) {
      var d = state.data, all = got[1].slice().sort(byEventsDesc);
      d.summary = normSummary(got[0]);
      d.top_dyads = all.slice(0, q.top);
      d.network = got[2];
      d.events = normEvents(got[3]);
      d.names = {};
      got[4].split('\n').forEach(function (line) {
        var f = line.split('\t');
        if (f.length > 1 && f[0] !== 'code') d.names[f[0]] = f[1];
      });
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
      stepPeriod(t, by);
    }
    if (out.length > 2000) return dated.concat(other);
    return out.concat(other);
  }

  function stepPeriod(t, by) {
    if (by === 'day') t.setUTCDate(t.getUTCDate() + 1);
    else if (by === 'week') t.setUTCDate(t.getUTCDate() + 7);
    else if (by === 'year') t.setUTCFullYear(t.getUTCFullYear() + 1);
    else if (by === 'quarter') t.setUTCMonth(t.getUTCMonth() + 3);
    else t.setUTCMonth(t.getUTCMonth() + 1);
  }

  /* The last day of the period that starts on day (YYYY-MM-DD). */
  function periodEnd(day, by) {
    var t = parseDay(day);
    if (!t) return null;
    stepPeriod(t, by);
    t.setUTCDate(t.getUTCDate() - 1);
    return dayString(t);
  }

  /* The report's periods within its own date range (a live page's
   * periods are already the server's within from..to). */
  function inRange(periods, by) {
    var f = state.filter.from, t = state.filter.to;
    return periods.filter(function (p) {
      if (!parseDay(p)) return !f && !t;
      return (!t || p <= t) && (!f || periodEnd(p, by) >= f);
    });
  }

  function label(period, by) {
    if (!parseDay(period)) return period === 'unknown' ? 'undated' : period;
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
    bits.push('periods: ' + q.by, 'level: ' + q.level, 'a similarity needs ' +
              (q.min_events || 5) + ' third-party events a side' + (q.min_events ? '' : ' (default)'),
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
      /* one time axis for both charts */
      state.periods = inRange(fillPeriods(uniq(seen), by), by);
      state.shown = pd;
      renderVerdict(p, pd.align);
      renderDyadChart(p, pd.series);
      renderAlignChart(p, pd.align);
      renderDiverge(p, pd.align);
      renderMapPeriods();
      highlightNetwork();
      renderMap();
      renderEvents();
    }).catch(function (e) { setStatus('Could not load the pair: ' + e.message); });
  }

  function makeChart(id, config) {
    if (charts[id]) charts[id].destroy();
    if (typeof Chart === 'undefined') {
      setStatus('Chart.js is missing: the charts cannot be drawn.');
      return;
    }
    /* a click on a period shows that period on the map */
    config.options.onClick = function (evt, items) {
      if (items && items.length) setMapPeriod(state.periods[items[0].index]);
    };
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
    renderUndated(p, rows);
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

  /* Say in words when the pair's events have no date (they all fall in
   * the "undated" period, and the time charts cannot place them). */
  function renderUndated(p, rows) {
    var all = 0, undated = 0, box = $('undated-note');
    rows.forEach(function (r) {
      all += r.events;
      if (r.period === 'unknown') undated += r.events;
    });
    box.textContent = undated ? fmt(undated) + ' of ' + fmt(all) + ' events between ' + p.a +
      ' and ' + p.b + ' undated: give --date or --date-from-file to entente code' +
      (undated === all ? ' (the time charts have nothing to place but the "undated" bar)'
                       : ' (they are in the "undated" bar, not in the periods)') : '';
    box.hidden = !undated;
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
    /* the verdict: the mean before and from the change, as a step over
     * the periods it judged (those with a similarity), from the first to
     * the last of them; a lone one is a dash */
    var sim = pick('similarity');
    var level = periods.map(function (x, i) {
      if (!v || v.before === null || sim[i] === null) return null;
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
          { type: 'line', label: 'similarity toward third parties', data: sim,
            borderColor: ALIGN, backgroundColor: ALIGN, spanGaps: false, pointRadius: 4,
            tension: 0, stepped: 'middle', yAxisID: 'y', order: 0 },
          { type: 'line', label: 'verdict', data: level, borderColor: '#111827', borderDash: [6, 3],
            pointStyle: 'line', pointRadius: 9, pointBorderWidth: 2, pointHoverRadius: 9,
            spanGaps: true, tension: 0, stepped: 'middle', fill: false, yAxisID: 'y', order: 0 },
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
    /* where the verdict and the similarity are drawn, for the browser test */
    var at2 = function (list) {
      return list.map(function (x, i) { return x === null ? -1 : i; })
        .filter(function (i) { return i >= 0; }).join(',');
    };
    $('align-chart').setAttribute('data-verdict-at', at2(level));
    $('align-chart').setAttribute('data-similarity-at', at2(sim));
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
    var a = state.focus.actor;
    (d.top_dyads || []).filter(function (r) {
      return !a || r.source.indexOf(a) === 0 || r.target.indexOf(a) === 0;
    }).forEach(function (r) {
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

  /* ---- the network: cytoscape, force-directed (cose) ---- */

  /* Net Goldstein per event (-10..+10) on a diverging scale: red, grey,
   * blue (the square root spreads the usual -5..+5 apart). */
  function divColor(mean) {
    var t = Math.max(-1, Math.min(1, (mean || 0) / 10));
    t = (t < 0 ? -1 : 1) * Math.sqrt(Math.abs(t));
    var grey = [156, 163, 175], end = t < 0 ? [220, 38, 38] : [37, 99, 235], a = Math.abs(t);
    var c = grey.map(function (g, i) { return Math.round(g + (end[i] - g) * a); });
    return 'rgb(' + c.join(',') + ')';
  }

  /* The NET_TOP busiest edges and their nodes, sized by all their events. */
  function networkElements(net) {
    var weight = {};
    net.edges.forEach(function (e) {
      weight[e.source] = (weight[e.source] || 0) + e.events;
      weight[e.target] = (weight[e.target] || 0) + e.events;
    });
    var edges = net.edges.slice().sort(byEventsDesc).slice(0, NET_TOP);
    var ids = uniq([].concat.apply([], edges.map(function (e) { return [e.source, e.target]; })));
    var maxw = Math.max.apply(null, ids.map(function (id) { return weight[id]; }).concat([1]));
    var maxe = Math.max.apply(null, edges.map(function (e) { return e.events; }).concat([1]));
    var nodes = ids.map(function (id, i) {
      var t = 2 * Math.PI * i / ids.length; /* a fixed start, so the layout is the same each time */
      return { group: 'nodes', position: { x: 300 * Math.cos(t), y: 300 * Math.sin(t) },
               data: { id: id, label: id, events: weight[id],
                       size: 14 + 46 * Math.sqrt(weight[id] / maxw), fs: NET_FONT, ow: 2.5, tm: 3 } };
    });
    return nodes.concat(edges.map(function (e, i) {
      var mean = e.events ? e.goldstein_sum / e.events : 0;
      return { group: 'edges', data: {
        id: 'e' + i, source: e.source, target: e.target, events: e.events, coop: e.coop,
        conflict: e.conflict, sum: e.goldstein_sum, mean: mean, color: divColor(mean),
        width: 1 + 8 * Math.sqrt(e.events / maxe) } };
    }));
  }

  var NET_STYLE = [
    { selector: 'node', style: {
      width: 'data(size)', height: 'data(size)', 'background-color': '#334155',
      label: 'data(label)', 'font-size': 'data(fs)', 'font-weight': 600, 'text-valign': 'bottom',
      'text-margin-y': 'data(tm)', color: '#1d2330', 'text-outline-color': '#fff',
      'text-outline-width': 'data(ow)', 'min-zoomed-font-size': 0 } },
    { selector: 'edge', style: {
      width: 'data(width)', 'line-color': 'data(color)', 'target-arrow-color': 'data(color)',
      'target-arrow-shape': 'triangle', 'arrow-scale': 0.9, 'curve-style': 'bezier', opacity: 0.85 } },
    { selector: '.faded', style: { opacity: 0.12 } },
    { selector: 'node.focus', style: { 'border-width': 4, 'border-color': '#f59e0b' } },
    { selector: 'edge.pair', style: { 'line-style': 'solid', opacity: 1, 'z-index': 10,
      'underlay-color': '#f59e0b', 'underlay-opacity': 0.5, 'underlay-padding': 3 } }
  ];

  /* The labels at NET_FONT screen pixels whatever the zoom: the layout
   * fits 40 nodes into the box by zooming out, which drew 11 px labels at
   * 6 or 7 px. */
  function netLabels(cy) {
    var z = cy.zoom() || 1;
    cy.batch(function () {
      cy.nodes().forEach(function (n) {
        n.data({ fs: NET_FONT / z, ow: 2.5 / z, tm: 3 / z });
      });
    });
  }

  function renderNetwork(d) {
    var box = $('network'), net = d.network || { nodes: [], edges: [] };
    $('network-top').textContent = String(NET_TOP);
    if (state.cy) { state.cy.destroy(); state.cy = null; }
    clear(box);
    if (typeof cytoscape === 'undefined') { box.textContent = 'cytoscape is missing: no network.'; return; }
    var els = networkElements(net);
    var nn = els.filter(function (x) { return x.group === 'nodes'; }).length;
    box.setAttribute('data-nodes', String(nn));
    box.setAttribute('data-edges', String(els.length - nn));
    if (!nn) { box.textContent = 'No events between actors yet.'; return; }
    var cy = cytoscape({
      container: box, elements: els, style: NET_STYLE, wheelSensitivity: 0.3,
      layout: { name: 'cose', animate: false, randomize: false, nodeRepulsion: function () { return 900000; },
                idealEdgeLength: function () { return 160; }, edgeElasticity: function () { return 60; },
                nodeOverlap: 40, gravity: 0.25, numIter: 2500, padding: 24 }
    });
    state.cy = cy;
    window.ENTENTE_VIEW.cy = cy;
    netLabels(cy);
    cy.on('zoom', function () { netLabels(cy); });
    cy.on('tap', 'node', function (e) { setFocusActor(e.target.id()); });
    cy.on('tap', 'edge', function (e) { choosePair(e.target.data('source'), e.target.data('target')); });
    cy.on('tap', function (e) { if (e.target === cy) setFocusActor(null); });
    cy.on('mouseover', 'edge', function (e) {
      var x = e.target.data();
      $('network-note').textContent = x.source + ' → ' + x.target + ': ' + fmt(x.events) + ' events (' +
        fmt(x.coop) + ' cooperation, ' + fmt(x.conflict) + ' conflict), net Goldstein ' + fmt(x.sum, 1) +
        ' (' + fmt(x.mean, 2) + ' per event)';
    });
    cy.on('mouseover', 'node', function (e) {
      $('network-note').textContent = e.target.id() + ': ' + fmt(e.target.data('events')) +
        ' events in the network (click to follow)';
    });
    $('network-note').textContent = net.edges.length > NET_TOP ? 'the ' + NET_TOP + ' busiest of ' +
      fmt(net.edges.length) + ' edges, ' + nn + ' of ' + fmt(net.nodes.length) + ' actors' : '';
    highlightNetwork();
  }

  /* The followed actor and the selected pair, marked in the network. */
  function highlightNetwork() {
    var cy = state.cy, a = state.focus.actor, p = state.pair;
    if (!cy) return;
    cy.elements().removeClass('faded focus pair');
    if (p) cy.edges().filter(function (e) {
      var s = e.data('source'), t = e.data('target');
      return (s === p.a && t === p.b) || (s === p.b && t === p.a);
    }).addClass('pair');
    if (a) {
      var n = cy.getElementById(a);
      if (n.length) {
        cy.elements().not(n.closedNeighborhood()).addClass('faded');
        n.addClass('focus');
      }
    }
    $('network').setAttribute('data-focus', a || '');
  }

  /* ---- focus: an actor (network node) or a place (map circle) ---- */

  function renderFocus() {
    var box = $('focus'), f = state.focus;
    clear(box);
    [['actor', 'following '], ['place', 'place ']].forEach(function (k) {
      if (!f[k[0]]) return;
      box.appendChild(el('span', k[1] + f[k[0]]));
      var b = el('button', '×');
      b.type = 'button';
      b.title = 'stop filtering by this ' + k[0];
      b.onclick = function () { f[k[0]] = null; focusChanged(); };
      box.appendChild(b);
    });
  }

  function focusChanged() {
    renderFocus();
    highlightNetwork();
    renderMapScope();
    renderDyads(state.data);
    renderMap();
    renderEvents();
  }

  function setFocusActor(id) {
    state.focus.actor = id || null;
    if (id) state.mapScope = 'actor';
    else if (state.mapScope === 'actor') state.mapScope = 'either';
    focusChanged();
  }

  function setFocusPlace(name) {
    state.focus.place = name || null;
    focusChanged();
  }

  /* Chart the pair a-b (a network edge): the pair selector's, or a new one. */
  function choosePair(a, b) {
    var d = state.data, sel = $('pair'), i;
    for (i = 0; i < d.pairs.length; i++)
      if ((d.pairs[i].a === a && d.pairs[i].b === b) || (d.pairs[i].a === b && d.pairs[i].b === a)) break;
    if (i === d.pairs.length) {
      d.pairs.push({ a: a, b: b });
      var o = el('option', a + ' – ' + b);
      o.value = String(i);
      sel.appendChild(o);
    }
    sel.value = String(i);
    selectPair(d.pairs[i]);
  }

  /* ---- the map: Leaflet, country shapes from world-atlas, no tiles ---- */

  function initMap() {
    if (state.map || typeof L === 'undefined') return state.map;
    var map = L.map('map', { attributionControl: false, minZoom: 1, maxZoom: 10, zoomSnap: 0.5,
                             worldCopyJump: true });
    var w = window.ENTENTE_WORLD;
    if (w && typeof topojson !== 'undefined')
      L.geoJSON(topojson.feature(w, w.objects.countries), { interactive: false,
        style: { fillColor: '#f3f4f6', fillOpacity: 1, color: '#9ca3af', weight: 0.7 } }).addTo(map);
    map.setView([33, 40], 3);
    state.map = map;
    /* nearby places gather into clusters (Leaflet.markercluster) until
     * zoom 8, where every place has its own circle; a click on a cluster
     * zooms in to its places */
    state.placeLayer = (typeof L.markerClusterGroup === 'function' ? L.markerClusterGroup({
      maxClusterRadius: 45, showCoverageOnHover: false, disableClusteringAtZoom: 8,
      removeOutsideVisibleBounds: false, spiderfyOnMaxZoom: true,
      iconCreateFunction: clusterIcon }) : L.layerGroup()).addTo(map);
    state.placeLayer.on('animationend', noteClusters);
    map.on('zoomend', noteClusters);
    window.ENTENTE_VIEW.map = map;
    return map;
  }

  /* The circle of a place or cluster with events out of max: its radius. */
  function placeRadius(events, max) { return 4 + 20 * Math.sqrt(events / (max || 1)); }

  /* A cluster's icon: a disc sized by its events (on the scale of the
   * circles), coloured by its commonest quad class, its events written in
   * it, its places named in its title. */
  function clusterIcon(cluster) {
    var kids = cluster.getAllChildMarkers(), ev = 0, quad = [0, 0, 0, 0];
    var list = kids.map(function (m) { return m.options.place; });
    list.forEach(function (x) {
      ev += x.events;
      x.quad.forEach(function (n, i) { quad[i] += n; });
    });
    list.sort(function (x, y) { return y.events - x.events; });
    var d = Math.max(26, 2 * placeRadius(ev, state.placeMax)), div = el('div', fmt(ev));
    div.style.background = QUAD_COLORS[quad.indexOf(Math.max.apply(null, quad))];
    div.title = fmt(ev) + ' events at ' + list.length + ' places: ' + list.slice(0, 6).map(function (x) {
      return x.place + ' ' + fmt(x.events); }).join(', ') + (list.length > 6 ? ', …' : '') +
      ' (click to zoom in)';
    div.setAttribute('data-events', String(ev));
    div.setAttribute('data-places', String(list.length));
    return L.divIcon({ html: div, className: 'place-cluster', iconSize: L.point(d, d) });
  }

  /* How the places are drawn now, for the browser test: clusters, and the
   * places inside them. */
  function noteClusters() {
    var box = $('map'), icons = box.querySelectorAll('.place-cluster div'), inside = 0;
    Array.prototype.forEach.call(icons, function (e) { inside += +e.getAttribute('data-places'); });
    box.setAttribute('data-clusters', String(icons.length));
    box.setAttribute('data-clustered', String(inside));
  }

  function renderMapScope() {
    var sel = $('map-scope'), a = state.focus.actor, o = sel.querySelector('option[value=actor]');
    if (a && !o) { o = el('option'); o.value = 'actor'; sel.appendChild(o); }
    if (o && !a) sel.removeChild(o);
    if (o && a) o.textContent = 'of ' + a + ' (followed)';
    if (!state.mapScope || (state.mapScope === 'actor' && !a)) state.mapScope = 'either';
    sel.value = state.mapScope;
  }

  function renderMapPeriods() {
    var sel = $('map-period'), by = state.data.query.by;
    while (sel.options.length > 1) sel.remove(1);
    (state.periods || []).filter(parseDay).forEach(function (p) {
      var o = el('option', label(p, by));
      o.value = p;
      sel.appendChild(o);
    });
    if (state.periods.indexOf(state.mapPeriod) < 0) state.mapPeriod = '';
    sel.value = state.mapPeriod;
  }

  function setMapPeriod(p) {
    state.mapPeriod = p && parseDay(p) ? p : '';
    $('map-period').value = state.mapPeriod;
    renderMap();
  }

  /* The dates the map (and the event table) show: the page's range cut to
   * the map's period. */
  function mapDates() {
    var q = state.data.query, f = state.live ? q.from : state.filter.from;
    var t = state.live ? q.to : state.filter.to, p = state.mapPeriod;
    if (p) {
      var e = periodEnd(p, q.by);
      if (!f || p > f) f = p;
      if (!t || e < t) t = e;
    }
    return { from: f || null, to: t || null };
  }

  function pairMatch(s, t, a, b) {
    return (s.indexOf(a) === 0 && t.indexOf(b) === 0) || (s.indexOf(b) === 0 && t.indexOf(a) === 0);
  }

  /* Does the event s -> t belong to the map's scope? */
  function inScope(s, t) {
    var p = state.pair, sc = state.mapScope, a = state.focus.actor;
    if (sc === 'actor' && a) return s.indexOf(a) === 0 || t.indexOf(a) === 0;
    if (sc === 'all' || !p) return true;
    if (sc === 'pair') return pairMatch(s, t, p.a, p.b);
    return [p.a, p.b].some(function (x) { return s.indexOf(x) === 0 || t.indexOf(x) === 0; });
  }

  function pageModes() {
    return state.live ? state.data.query.modes : state.filter.modes;
  }

  /* The report's places, filtered here: [{place, country, lat, lon, events, quad}]. */
  function reportPlaces() {
    var pl = state.data.places || { names: [], rows: [] }, dt = mapDates(), modes = pageModes();
    var acc = {};
    pl.rows.forEach(function (r) {
      if ((dt.from && r[1] < dt.from) || (dt.to && r[1] > dt.to)) return;
      if (modes.indexOf(r[4]) < 0 || !inScope(r[2], r[3])) return;
      var x = acc[r[0]];
      if (!x) {
        var n = pl.names[r[0]];
        x = acc[r[0]] = { place: n[0], country: n[1], lat: n[2], lon: n[3], events: 0, quad: [0, 0, 0, 0] };
      }
      x.events += r[6];
      x.quad[r[5] - 1] += r[6];
    });
    return Promise.resolve(Object.keys(acc).map(function (k) { return acc[k]; }));
  }

  /* A live page's places from /api/places: per place and dyad for one or
   * two actors (rows of both merged once), summed per place here. */
  function livePlaces() {
    var p = state.pair, sc = state.mapScope, dt = mapDates(), calls = [];
    var extra = function (o) {
      if (dt.from) o.from = dt.from;
      if (dt.to) o.to = dt.to;
      return o;
    };
    if (sc === 'actor' && state.focus.actor) calls.push(extra({ a: state.focus.actor }));
    else if (sc === 'all' || !p) calls.push(extra({}));
    else if (sc === 'pair') calls.push(extra({ a: p.a, b: p.b }));
    else calls.push(extra({ a: p.a }), extra({ a: p.b }));
    return Promise.all(calls.map(function (o) { return getJSON(apiUrl('/api/places', o)); }))
      .then(function (lists) {
        var seen = {}, acc = {};
        [].concat.apply([], lists).forEach(function (r) {
          var k = [r.place, r.country, r.lat, r.lon].join('|');
          var rk = k + '|' + (r.source || '') + '|' + (r.target || '');
          if (seen[rk]) return;
          seen[rk] = 1;
          var x = acc[k] || (acc[k] = { place: r.place, country: r.country, lat: r.lat, lon: r.lon,
                                        events: 0, quad: [0, 0, 0, 0] });
          x.events += r.events;
          r.quad.forEach(function (n, i) { x.quad[i] += n; });
        });
        return Object.keys(acc).map(function (k) { return acc[k]; });
      });
  }

  function placeTip(x) {
    return x.place + (x.country ? ', ' + x.country : '') + ': ' + fmt(x.events) + ' events — ' +
      x.quad.map(function (n, i) { return fmt(n) + ' ' + QUAD_NAMES[i]; }).join(', ');
  }

  function renderMap() {
    var map = initMap(), box = $('map');
    if (!map) { $('map-note').textContent = 'Leaflet is missing: no map.'; return; }
    var seq = state.mapSeq = (state.mapSeq || 0) + 1;
    (state.live ? livePlaces() : reportPlaces()).then(function (places) {
      if (seq !== state.mapSeq) return; /* a newer filter won */
      places.sort(function (x, y) { return y.events - x.events || (x.place < y.place ? -1 : 1); });
      state.places = places;
      state.placeLayer.clearLayers();
      var max = places.length ? places[0].events : 1, total = 0, pts = [], marks = [];
      state.placeMax = max;
      places.forEach(function (x) {
        var k = x.quad.indexOf(Math.max.apply(null, x.quad));
        var m = L.circleMarker([x.lat, x.lon], {
          radius: placeRadius(x.events, max), color: x.place === state.focus.place ? '#f59e0b' : '#1f2937',
          weight: x.place === state.focus.place ? 3 : 1, fillColor: QUAD_COLORS[k], fillOpacity: 0.75,
          className: 'place-marker', place: x });
        m.bindTooltip(placeTip(x));
        m.on('click', function () { setFocusPlace(x.place); });
        marks.push(m);
        total += x.events;
        pts.push([x.lat, x.lon]);
      });
      if (state.placeLayer.addLayers) state.placeLayer.addLayers(marks);
      else marks.forEach(function (m) { m.addTo(state.placeLayer); });
      /* first view: the places that hold 90 % of the events */
      var core = [], run = 0;
      places.forEach(function (x) {
        if (run < 0.9 * total || !core.length) core.push([x.lat, x.lon]);
        run += x.events;
      });
      if (pts.length && !state.mapFitted) {
        map.fitBounds(core, { padding: [40, 40], maxZoom: 7 });
        state.mapFitted = true;
      }
      noteClusters();
      box.setAttribute('data-places', String(places.length));
      box.setAttribute('data-events', String(total));
      box.setAttribute('data-scope', state.mapScope || '');
      box.setAttribute('data-period', state.mapPeriod || '');
      var dt = mapDates();
      $('map-note').textContent = fmt(total) + ' events at ' + fmt(places.length) + ' places' +
        (dt.from || dt.to ? ', ' + (dt.from || '…') + ' to ' + (dt.to || '…') : '') + '; modes ' +
        pageModes().join(', ') + (state.data.places && state.data.places.truncated
          ? ' (the report holds the first 50,000 place rows only)' : '');
    }).catch(function (e) { setStatus('Could not load the places: ' + e.message); });
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

  /* The events the table shows: the report's latest, filtered here; a live
   * page's from /api/events with the same filters. */
  function eventsShown() {
    var d = state.data, only = $('events-pair-only').checked && state.pair;
    var f = state.focus, dt = mapDates(), modes = pageModes();
    if (!state.live) {
      return Promise.resolve((d.events || []).filter(function (ev) {
        var s = ev.source || '', t = ev.target || '';
        return (!only || involvesPair(ev, state.pair)) &&
          (!f.actor || s.indexOf(f.actor) === 0 || t.indexOf(f.actor) === 0) &&
          (!f.place || ev.place === f.place) && modes.indexOf(ev.mode) >= 0 &&
          (!dt.from || (ev.date && ev.date >= dt.from)) && (!dt.to || (ev.date && ev.date <= dt.to));
      }));
    }
    var o = { limit: String(d.query.events), modes: modes.join(',') };
    if (only) { o.a = state.pair.a; o.b = state.pair.b; }
    if (f.actor) o.actor = f.actor;
    if (f.place) o.place = f.place;
    if (dt.from) o.from = dt.from;
    if (dt.to) o.to = dt.to;
    return getJSON(apiUrl('/api/events', o)).then(normEvents);
  }

  function renderEvents() {
    var seq = state.eventsSeq = (state.eventsSeq || 0) + 1;
    eventsShown().then(function (list) {
      if (seq === state.eventsSeq) drawEvents(list);
    }).catch(function (e) { setStatus('Could not load the events: ' + e.message); });
  }

  function drawEvents(list) {
    var d = state.data, body = $('events').tBodies[0];
    state.eventsList = list;
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
      what.appendChild(el('span', ' ' + (ev.name || codeName(ev.code) || '')));
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
    var f = state.focus, dt = mapDates(), what = [];
    if ($('events-pair-only').checked && state.pair) what.push(state.pair.a + '–' + state.pair.b);
    if (f.actor) what.push('involving ' + f.actor);
    if (f.place) what.push('at ' + f.place);
    if (dt.from || dt.to) what.push((dt.from || '…') + ' to ' + (dt.to || '…'));
    $('events-count').textContent = ' ' + fmt(list.length) + (state.live ? ' latest events' :
      ' of the latest ' + fmt((d.events || []).length) + ' events') + ' (' + pageModes().join(', ') +
      (what.length ? '; ' + what.join(', ') : '') + ')';
    $('events').setAttribute('data-rows', String(list.length));
  }

  /* ---- CSV of what is shown ---- */

  function csvCell(v) {
    var t = v === null || v === undefined ? '' : String(v);
    return /[",\n\r]/.test(t) ? '"' + t.replace(/"/g, '""') + '"' : t;
  }

  function csv(header, rows) {
    return [header].concat(rows).map(function (r) { return r.map(csvCell).join(','); }).join('\n') + '\n';
  }

  function placesCsv() {
    return csv(['place', 'country', 'lat', 'lon', 'events', 'verbal_coop', 'material_coop',
                'verbal_conflict', 'material_conflict'],
      (state.places || []).map(function (x) {
        return [x.place, x.country, x.lat, x.lon, x.events].concat(x.quad);
      }));
  }

  function eventsCsv() {
    return csv(['date', 'source', 'target', 'code', 'name', 'quad', 'goldstein', 'mode', 'place',
                'place_country', 'doc', 'sentence', 'text'],
      (state.eventsList || []).map(function (e) {
        return [e.date, e.source, e.target, e.code, e.name || codeName(e.code), e.quad, e.goldstein,
                e.mode, e.place, e.place_country, e.doc, e.sentence, e.text];
      }));
  }

  /* ---- the controls: period, date range, modes ---- */

  /* A live page reloads with the new parameters (the server computes
   * everything again); a report filters what it holds. */
  function setUrlParam(k, v) {
    var u = new URLSearchParams(window.location.search);
    if (v) u.set(k, v); else u.delete(k);
    window.location.search = u.toString();
  }

  function initControls(d) {
    var q = d.query, per = $('period'), boxes = $('modes').querySelectorAll('input');
    per.value = q.by || 'month';
    per.disabled = !state.live;
    per.title = state.live ? '' : 'a report is written for one period: run entente report --by …';
    per.onchange = function () { setUrlParam('by', per.value); };
    var me = $('min-events');
    me.value = q.min_events || '';
    me.placeholder = '5';
    me.disabled = !state.live;
    me.title = state.live ? 'third-party events each side needs in a period for a similarity'
      : 'a report is written for one minimum: run entente report --min-events …';
    me.onchange = function () {
      var n = parseInt(me.value, 10);
      if (me.value && (!(n >= 1 && n <= 100000))) { me.value = q.min_events || ''; return; }
      setUrlParam('min_events', me.value ? String(n) : '');
    };
    state.filter = { from: q.from || null, to: q.to || null, modes: (q.modes || MODES).slice() };
    ['from', 'to'].forEach(function (k) {
      var inp = $(k);
      inp.value = q[k] || '';
      if (d.summary && d.summary.first_date) inp.min = d.summary.first_date;
      if (d.summary && d.summary.last_date) inp.max = d.summary.last_date;
      inp.onchange = function () {
        if (state.live) return setUrlParam(k, inp.value);
        state.filter[k] = inp.value || null;
        if (state.pair) selectPair(state.pair);
      };
    });
    Array.prototype.forEach.call(boxes, function (b) {
      b.checked = state.filter.modes.indexOf(b.value) >= 0;
      b.onchange = function () {
        var m = Array.prototype.filter.call(boxes, function (x) { return x.checked; })
          .map(function (x) { return x.value; });
        if (!m.length) { b.checked = true; return; } /* at least one */
        if (state.live) return setUrlParam('modes', m.join(','));
        state.filter.modes = m;
        renderMap();
        renderEvents();
      };
    });
    $('controls-note').textContent = state.live ? '' : 'report: the charts, dyads and network count ' +
      (q.modes || []).join(' and ') + ' events as written (entente report --modes); the date range ' +
      'narrows the charts, the modes filter the map and the events';
    $('map-scope').onchange = function () { state.mapScope = $('map-scope').value; renderMap(); };
    $('map-period').onchange = function () { setMapPeriod($('map-period').value); };
    $('events-pair-only').onchange = renderEvents;
    $('csv').onclick = function () {
      if (state.pair) download(state.pair.a + '-' + state.pair.b + '.csv', pairCsv(state.pair));
    };
    $('places-csv').onclick = function () { download('places.csv', placesCsv()); };
    $('events-csv').onclick = function () { download('events.csv', eventsCsv()); };
  }

  /* ---- start ---- */

  function render(d) {
    state.data = d;
    d.series = d.series || {};
    d.align = d.align || {};
    initControls(d);
    renderSummary(d);
    renderDyads(d);
    renderNetwork(d);
    renderMapScope();
    renderPairSelect(d);
    if (!d.pairs || !d.pairs.length) { state.periods = []; renderMap(); renderEvents(); }
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
