/*
 * browser_click.js - clicks through the dashboard in headless Chromium and
 * checks what is drawn after each click: the pair selector, the period
 * selector, the minimum of events, a network node and edge, a map cluster
 * and circle, a chart bar, a mode box, the date range, and the offline
 * report. It speaks the Chrome DevTools
 * Protocol itself over node's WebSocket (node 20: run with
 * --experimental-websocket); nothing is downloaded.
 *
 *   node --experimental-websocket test/browser_click.js CHROME BASE_URL REPORT.html OUTDIR
 *
 * Prints "ok: ..." or "FAIL: ..." per check, then "clicks: N passed, N failed";
 * screenshots go to OUTDIR/dash-*.png.
 */
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const [chromePath, base, reportFile, outDir] = process.argv.slice(2);
let pass = 0, fail = 0;
function check(what, cond, detail) {
  if (cond) { pass++; console.log('ok: ' + what); }
  else { fail++; console.log('FAIL: ' + what + (detail !== undefined ? ' (' + JSON.stringify(detail) + ')' : '')); }
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/* ---- the protocol ---- */

function launch() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'entente-cdp-'));
  const proc = spawn(chromePath, ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
    '--disable-background-networking', '--disable-component-update', '--no-first-run', '--hide-scrollbars',
    '--remote-debugging-port=0', '--user-data-dir=' + profile, '--window-size=1280,1600', 'about:blank'],
  { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error('no DevTools URL: ' + err.slice(-400))), 30000);
    proc.stderr.on('data', (b) => {
      err += b;
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
      if (m) { clearTimeout(timer); resolve({ proc, url: m[1], profile }); }
    });
    proc.on('exit', () => reject(new Error('chromium exited: ' + err.slice(-400))));
  });
}

function connect(url) {
  const ws = new WebSocket(url);
  let next = 1;
  const waiting = new Map();
  ws.onmessage = (m) => {
    const msg = JSON.parse(m.data);
    if (msg.id && waiting.has(msg.id)) {
      const w = waiting.get(msg.id);
      waiting.delete(msg.id);
      if (msg.error) w.reject(new Error(msg.error.message)); else w.resolve(msg.result);
    }
  };
  const send = (method, params, sessionId) => new Promise((resolve, reject) => {
    const id = next++;
    const timer = setTimeout(() => { waiting.delete(id); reject(new Error(method + ': no answer in 20 s')); }, 20000);
    waiting.set(id, { resolve: (v) => { clearTimeout(timer); resolve(v); },
                      reject: (e) => { clearTimeout(timer); reject(e); } });
    if (process.env.CDP_DEBUG) console.error('>', method);
    ws.send(JSON.stringify({ id, method, params: params || {}, sessionId }));
  });
  return new Promise((resolve, reject) => {
    ws.onopen = () => resolve({ ws, send });
    ws.onerror = (e) => reject(new Error('websocket: ' + e.message));
  });
}

/* A page: evaluate, wait, click, type, screenshot. */
function page(send, sessionId) {
  const cmd = (m, p) => send(m, p, sessionId);
  const ev = async (expr) => {
    const r = await cmd('Runtime.evaluate', { expression: expr, awaitPromise: true, returnByValue: true });
    if (r.exceptionDetails) throw new Error(expr.slice(0, 60) + ': ' + r.exceptionDetails.text);
    return r.result.value;
  };
  const waitFor = async (expr, ms) => {
    const end = Date.now() + (ms || 15000);
    while (Date.now() < end) {
      try { if (await ev(expr)) return true; } catch (e) { /* the page is loading */ }
      await sleep(100);
    }
    return false;
  };
  const click = async (x, y) => {
    for (const type of ['mouseMoved', 'mousePressed', 'mouseReleased'])
      await cmd('Input.dispatchMouseEvent', { type, x, y, button: 'left', clickCount: 1 });
  };
  /* the centre of what expr (a function body returning a DOMRect-like
   * {x, y} in page coordinates) names, scrolled into view, clicked */
  const clickAt = async (expr) => {
    const p = await ev('(function () { ' + expr + ' })()');
    if (!p) return false;
    await ev('window.scrollTo(0, ' + Math.max(0, p.y - 400) + ')');
    await sleep(150);
    const sy = await ev('window.scrollY');
    await click(p.x, p.y - sy);
    return true;
  };
  /* an element (in the sticky controls too): scrolled into view, clicked
   * where the viewport shows it */
  const clickSel = async (sel) => {
    const q = 'document.querySelector(' + JSON.stringify(sel) + ')';
    if (!await ev('!!' + q)) return false;
    await ev(q + ".scrollIntoView({ block: 'center' })");
    await sleep(150);
    const r = await ev('(function () { var r = ' + q + '.getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2 }; })()');
    await click(r.x, r.y);
    return true;
  };
  const key = async (k, code, vk) => {
    for (const type of ['keyDown', 'keyUp'])
      await cmd('Input.dispatchKeyEvent', { type, key: k, code, windowsVirtualKeyCode: vk });
  };
  const shot = async (file, sel) => {
    /* the element's box, or the whole page */
    const r0 = await ev(sel ? '(function () { var r = document.querySelector(' + JSON.stringify(sel) +
      ').getBoundingClientRect(); return { x: r.left, y: r.top + window.scrollY, width: r.width, height: r.height }; })()'
      : '({ x: 0, y: 0, width: 1280, height: Math.min(document.documentElement.scrollHeight, 6000) })');
    const clip = { x: r0.x, y: r0.y, width: r0.width, height: r0.height, scale: 1 };
    const r = await cmd('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true, clip });
    fs.writeFileSync(file, Buffer.from(r.data, 'base64'));
  };
  const go = async (url) => {
    await cmd('Page.navigate', { url });
    return ready();
  };
  /* the page has drawn its pair, map and events */
  const ready = () => waitFor("document.readyState === 'complete' && /\\S/.test(document.getElementById('verdict').textContent)" +
    " && document.getElementById('map').hasAttribute('data-places') && document.getElementById('events').hasAttribute('data-rows')", 20000);
  return { cmd, ev, waitFor, click, clickAt, clickSel, key, shot, go, ready };
}

/* ---- what is drawn ---- */

const DRAWN = `(function () {
  var $ = function (id) { return document.getElementById(id); };
  var rows = Array.prototype.slice.call($('events').tBodies[0].rows).filter(function (r) { return r.cells.length > 3; });
  return {
    verdict: $('verdict').textContent, note: $('pair-note').textContent, search: location.search,
    pair: $('pair').options[$('pair').selectedIndex] ? $('pair').options[$('pair').selectedIndex].textContent : '',
    nodes: +$('network').getAttribute('data-nodes'), edges: +$('network').getAttribute('data-edges'),
    canvases: $('network').querySelectorAll('canvas').length, netFocus: $('network').getAttribute('data-focus'),
    places: +$('map').getAttribute('data-places'), mapEvents: +$('map').getAttribute('data-events'),
    scope: $('map').getAttribute('data-scope'), period: $('map').getAttribute('data-period'),
    markers: $('map').querySelectorAll('path.place-marker').length,
    clusters: +$('map').getAttribute('data-clusters'), clustered: +$('map').getAttribute('data-clustered'),
    zoom: window.ENTENTE_VIEW.map ? window.ENTENTE_VIEW.map.getZoom() : null,
    /* the smallest network label as drawn on the screen, in pixels */
    fontMin: window.ENTENTE_VIEW.cy ? Math.min.apply(null, window.ENTENTE_VIEW.cy.nodes().map(function (n) {
      return parseFloat(n.renderedStyle('font-size')); })) : 0,
    shapes: $('map').querySelectorAll('.leaflet-overlay-pane path:not(.place-marker)').length,
    tiles: $('map').querySelectorAll('img.leaflet-tile').length,
    focus: $('focus').textContent, rows: rows.length,
    who: rows.map(function (r) { return r.cells[1].textContent; }),
    what: rows.map(function (r) { return r.cells[2].textContent; }),
    modes: rows.map(function (r) { return r.cells[3].textContent; }),
    where: rows.map(function (r) { return r.cells[4].textContent; }),
    dates: rows.map(function (r) { return r.cells[0].textContent; }),
    dyads: Array.prototype.map.call($('dyads').tBodies[0].rows, function (r) { return r.cells[0].textContent + '>' + r.cells[1].textContent; }),
    alignFirst: $('align-chart').getAttribute('data-first'), drawn: $('align-chart').getAttribute('data-drawn')
  };
})()`;

const named = (list) => list.length > 0 && list.every((t) => /^\d{2,4} \S/.test(t));

async function live(p) {
  const url = base + '/?pairs=IRN-RUS,RUS-TUR&by=quarter';
  check('the page opens and draws', await p.go(url));
  let d = await p.ev(DRAWN);
  check('opens on the pair of the URL: IRN–RUS', /^IRN.RUS: /.test(d.verdict), d.verdict);
  check('network: cytoscape drew the top edges on a canvas', d.edges > 0 && d.edges <= 40 && d.nodes >= 5 && d.canvases > 0, [d.nodes, d.edges, d.canvases]);
  check('map: country shapes, no tiles', d.shapes > 100 && d.tiles === 0, [d.shapes, d.tiles]);
  /* (the clusters settle after the first fit's zoom) */
  await p.waitFor("(function () { var m = document.getElementById('map'); return document.querySelectorAll('#map path.place-marker').length + +m.getAttribute('data-clustered') === +m.getAttribute('data-places'); })()");
  d = await p.ev(DRAWN);
  check('map: every place a circle or inside a cluster', d.places > 0 && d.markers + d.clustered === d.places, [d.places, d.markers, d.clustered]);
  check('map: the crowded places (Syria) are clustered', d.clusters > 0 && d.clustered >= 2, [d.clusters, d.clustered]);
  check('network: every label drawn at 12 px or more', d.fontMin >= 12, d.fontMin);
  check('events: rows with the name beside the code', d.rows > 0 && named(d.what), d.what.slice(0, 3));
  check('events: the default modes only (asserted, reported)', d.modes.every((m) => m === 'asserted' || m === 'reported'), d.modes.slice(0, 5));
  await p.shot(path.join(outDir, 'dash-open.png'));
  const before = d;

  /* the pair selector: focused, one key down */
  await p.clickSel('#pair');
  await p.key('Escape', 'Escape', 27);
  await p.ev("document.getElementById('pair').focus()");
  await p.key('ArrowDown', 'ArrowDown', 40);
  check('pair: the charts follow the selector to RUS–TUR', await p.waitFor("/^RUS.TUR: /.test(document.getElementById('verdict').textContent)"));
  d = await p.ev(DRAWN);
  check('pair: the note counts RUS–TUR events', /between RUS and TUR/.test(d.note), d.note);
  await p.waitFor("document.getElementById('map').getAttribute('data-scope') === 'either'");
  /* (the map redraws after its own request: wait for it, not for the scope
   * alone, which may already read 'either'; a slow build lost the race) */
  await p.waitFor("+document.getElementById('map').getAttribute('data-events') !== " + before.mapEvents +
                  " || +document.getElementById('map').getAttribute('data-places') !== " + before.places);
  d = await p.ev(DRAWN);
  check('pair: the map follows the pair', d.mapEvents !== before.mapEvents || d.places !== before.places, [before.mapEvents, d.mapEvents]);

  /* the period selector: quarter -> year reloads the page by year */
  await p.ev("document.getElementById('period').focus()");
  await p.key('ArrowDown', 'ArrowDown', 40);
  check('period: the page reloads by year', await p.waitFor("location.search.indexOf('by=year') >= 0") && await p.ready());
  d = await p.ev(DRAWN);
  check('period: the verdict counts years', /years/.test(d.verdict), d.verdict);
  check('period: the axis is in years, drawn as steps and bars', /^\d{4}$/.test(d.alignFirst) && !/line/.test(d.drawn), [d.alignFirst, d.drawn]);

  /* the minimum of events: 1 gives a similarity to more periods */
  const verdictBefore = d.verdict;
  await p.ev("var m = document.getElementById('min-events'); m.value = '1'; m.dispatchEvent(new Event('change'))");
  check('min events: the page reloads with min_events=1', await p.waitFor("location.search.indexOf('min_events=1') >= 0") && await p.ready());
  d = await p.ev(DRAWN);
  check('min events: the verdict changes', d.verdict !== verdictBefore && /^IRN.RUS: /.test(d.verdict), [verdictBefore, d.verdict]);
  const shown = await p.ev("[document.getElementById('min-events').value, document.getElementById('provenance').textContent]");
  check('min events: the control and the page say 1', shown[0] === '1' && /needs 1 third-party/.test(shown[1]), shown);

  /* a network node: click RUS */
  const nodeAt = (id) => `var cy = window.ENTENTE_VIEW.cy, n = cy.getElementById(${JSON.stringify(id)});
    if (!n.length) return null; var b = cy.container().getBoundingClientRect(), q = n.renderedPosition();
    return { x: b.left + q.x, y: b.top + q.y + window.scrollY };`;
  check('network: RUS is drawn', await p.clickAt(nodeAt('RUS')));
  check('network node: the page follows RUS', await p.waitFor("document.getElementById('network').getAttribute('data-focus') === 'RUS'"));
  await p.waitFor("document.getElementById('map').getAttribute('data-scope') === 'actor'");
  await sleep(500);
  d = await p.ev(DRAWN);
  check('network node: the focus says so', /following RUS/.test(d.focus), d.focus);
  check('network node: every event shown involves RUS', d.rows > 0 && d.who.every((w) => /RUS/.test(w)), d.who.slice(0, 3));
  check('network node: every top dyad involves RUS', d.dyads.length > 0 && d.dyads.every((w) => /RUS/.test(w)), d.dyads.slice(0, 3));
  check('network node: the map shows the events of RUS', d.scope === 'actor' && d.places > 0, [d.scope, d.places]);
  const faded = await p.ev("window.ENTENTE_VIEW.cy.$('.faded').length");
  check('network node: the others fade', faded > 0, faded);
  await p.shot(path.join(outDir, 'dash-network.png'), '#network');

  /* a network edge, away from every node: the pair it joins is charted */
  const edge = await p.ev(`(function () {
    var cy = window.ENTENTE_VIEW.cy, b = cy.container().getBoundingClientRect(), best = null;
    cy.edges().sort(function (x, y) { return y.data('events') - x.data('events'); }).forEach(function (e) {
      if (best) return;
      /* (clear of every node and of its label: a click there taps the node) */
      var m = e.renderedMidpoint(), far = cy.nodes().every(function (n) {
        var q = n.renderedPosition(), dx = q.x - m.x, dy = q.y - m.y;
        var bb = n.renderedBoundingBox({ includeLabels: true });
        var inBox = m.x > bb.x1 - 8 && m.x < bb.x2 + 8 && m.y > bb.y1 - 8 && m.y < bb.y2 + 8;
        return Math.sqrt(dx * dx + dy * dy) > n.renderedWidth() / 2 + 12 && !inBox;
      }) && cy.edges().every(function (o) {
        /* nor on another edge's midpoint */
        if (o === e) return true;
        var q = o.renderedMidpoint(), dx = q.x - m.x, dy = q.y - m.y;
        return Math.sqrt(dx * dx + dy * dy) > 10;
      });
      if (far && m.x > 5 && m.y > 5 && m.x < b.width - 5 && m.y < b.height - 5)
        best = { x: b.left + m.x, y: b.top + m.y + window.scrollY, s: e.data('source'), t: e.data('target') };
    });
    return best;
  })()`);
  check('network: an edge clear of the nodes', !!edge, edge);
  if (edge) {
    await p.clickAt(`return ${JSON.stringify(edge)};`);
    const re = `new RegExp('^(${edge.s}.${edge.t}|${edge.t}.${edge.s}): ').test(document.getElementById('verdict').textContent)`;
    check('network edge: the pair ' + edge.s + '–' + edge.t + ' is charted', await p.waitFor(re));
    d = await p.ev(DRAWN);
    check('network edge: the pair selector shows it', d.pair.indexOf(edge.s) >= 0 && d.pair.indexOf(edge.t) >= 0, d.pair);
  }
  await p.clickSel('#focus button');
  check('focus: the × stops following', await p.waitFor("document.getElementById('focus').textContent === ''"));

  /* a map circle: the biggest place */
  await p.waitFor("document.getElementById('map').getAttribute('data-scope') !== 'actor'");
  await p.ev("document.getElementById('map-scope').value = 'all'; document.getElementById('map-scope').dispatchEvent(new Event('change'))");
  await p.waitFor("document.getElementById('map').getAttribute('data-scope') === 'all'");
  await sleep(400);
  let all = await p.ev(DRAWN);
  /* the biggest cluster: a click zooms in to its places */
  const cluster = `var best = null, n = 0;
    document.querySelectorAll('#map .place-cluster div').forEach(function (e) {
      if (+e.getAttribute('data-events') > n) { n = +e.getAttribute('data-events'); best = e.getBoundingClientRect(); } });
    return best && { x: best.left + best.width / 2, y: best.top + best.height / 2 + window.scrollY };`;
  check('map: a cluster to click', all.clusters > 0 && await p.clickAt(cluster), all.clusters);
  check('map cluster: the map zooms in', await p.waitFor('window.ENTENTE_VIEW.map.getZoom() > ' + all.zoom));
  await sleep(800);
  d = await p.ev(DRAWN);
  check('map cluster: more circles of their own after the zoom', d.markers > all.markers && d.markers + d.clustered === d.places, [all.markers, d.markers, d.clustered, d.places]);
  all = d;
  const biggest = `var best = null, area = 0;
    document.querySelectorAll('#map path.place-marker').forEach(function (e) {
      var r = e.getBoundingClientRect(); if (r.width * r.height > area) { area = r.width * r.height; best = r; } });
    return best && { x: best.left + best.width / 2, y: best.top + best.height / 2 + window.scrollY };`;
  check('map: a circle to click', await p.clickAt(biggest));
  check('map circle: the page picks its place', await p.waitFor("/place /.test(document.getElementById('focus').textContent)"));
  await sleep(500);
  d = await p.ev(DRAWN);
  const place = d.focus.replace(/^.*place (.*?)×?$/, '$1');
  check('map circle: every event listed is at ' + place, d.rows > 0 && d.where.every((w) => w.indexOf(place) === 0), d.where.slice(0, 3));
  const ring = await p.ev("Array.prototype.filter.call(document.querySelectorAll('#map path.place-marker'), function (e) { return e.getAttribute('stroke') === '#f59e0b'; }).length");
  check('map circle: the place is ringed', ring === 1, ring);
  await p.shot(path.join(outDir, 'dash-map.png'), '#map');

  /* a bar of the counts chart: the map shows that period */
  const bar = await p.ev(`(function () {
    var c = window.ENTENTE_VIEW.charts['dyad-chart'], best = -1, top = -1;
    c.data.datasets[0].data.forEach(function (v, i) {
      var t = v + c.data.datasets[1].data[i]; if (t > top) { top = t; best = i; } });
    var m = c.getDatasetMeta(0).data[best], r = c.canvas.getBoundingClientRect();
    return { x: r.left + m.x, y: r.top + (c.chartArea.top + c.chartArea.bottom) / 2 + window.scrollY, i: best };
  })()`);
  await p.clickAt(`return ${JSON.stringify(bar)};`);
  check('chart bar: the map shows its period', await p.waitFor("document.getElementById('map').getAttribute('data-period') !== ''"));
  await sleep(400);
  d = await p.ev(DRAWN);
  check('chart bar: fewer or as many events on the map', d.mapEvents <= all.mapEvents && d.period.length === 10, [d.period, d.mapEvents, all.mapEvents]);

  /* a mode box: hypothetical too */
  await p.clickSel('#modes input[value=hypothetical]');
  check('modes: the page reloads with hypothetical events', await p.waitFor("location.search.indexOf('hypothetical') >= 0") && await p.ready());
  d = await p.ev(DRAWN);
  check('modes: the events table counts hypothetical events', d.modes.some((m) => m === 'hypothetical') && d.modes.every((m) => m !== 'negated'), d.modes.slice(0, 8));

  /* the date range: from 2016-01-01 */
  await p.ev("var f = document.getElementById('from'); f.value = '2016-01-01'; f.dispatchEvent(new Event('change'))");
  check('dates: the page reloads from 2016-01-01', await p.waitFor("location.search.indexOf('from=2016-01-01') >= 0") && await p.ready());
  d = await p.ev(DRAWN);
  check('dates: every event shown is dated from 2016', d.rows > 0 && d.dates.every((x) => x >= '2016-01-01'), d.dates.slice(-3));
  check('dates: the axis starts in 2016 or later', d.alignFirst >= '2016', d.alignFirst);
  await p.shot(path.join(outDir, 'dash-clicked.png'));
}

async function report(p) {
  check('report: opens offline and draws', await p.go('file://' + path.resolve(reportFile)));
  let d = await p.ev(DRAWN);
  check('report: network and map drawn', d.nodes > 0 && d.places > 0 && d.markers + d.clustered === d.places && d.shapes > 100, [d.nodes, d.places, d.markers, d.clustered, d.shapes]);
  check('report: Leaflet.markercluster inlined, clusters drawn', d.clusters > 0, d.clusters);
  const busiest = await p.ev("window.ENTENTE_VIEW.cy.nodes().sort(function (x, y) { return y.data('events') - x.data('events'); })[0].id()");
  await p.clickAt(`var cy = window.ENTENTE_VIEW.cy, n = cy.getElementById(${JSON.stringify(busiest)});
    var b = cy.container().getBoundingClientRect(), q = n.renderedPosition();
    return { x: b.left + q.x, y: b.top + q.y + window.scrollY };`);
  check('report: a node click follows ' + busiest, await p.waitFor(`document.getElementById('network').getAttribute('data-focus') === ${JSON.stringify(busiest)}`));
  d = await p.ev(DRAWN);
  check('report: the events shown involve ' + busiest, d.who.every((w) => w.indexOf(busiest) >= 0), d.who.slice(0, 3));
  await p.ev("document.getElementById('focus').querySelector('button').click()");
  await p.clickSel('#modes input[value=hypothetical]');
  await sleep(300);
  d = await p.ev(DRAWN);
  check('report: a mode box filters in the page, no reload', !/modes=/.test(d.search) && d.modes.some((m) => m === 'hypothetical'), d.modes.slice(0, 8));
  await p.shot(path.join(outDir, 'dash-report.png'));
}

(async function main() {
  let chrome;
  try {
    chrome = await launch();
    const { ws, send } = await connect(chrome.url);
    const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
    const p = page(send, sessionId);
    await p.cmd('Page.enable');
    await p.cmd('Runtime.enable');
    await p.cmd('Emulation.setDeviceMetricsOverride', { width: 1280, height: 1600, deviceScaleFactor: 1, mobile: false });
    await live(p);
    if (reportFile) await report(p);
    ws.close();
  } catch (e) {
    check('the click-through ran to its end', false, String(e && e.stack || e));
  } finally {
    if (chrome) chrome.proc.kill('SIGTERM');
  }
  console.log('clicks: ' + pass + ' passed, ' + fail + ' failed');
  process.exit(fail ? 1 : 0);
})();
