// bison-sync monitoring page. Everything shown comes from the ops API on this server; the ops token is read from
// its field for the one request that needs it (an Authorization header, never a URL), then the field is cleared:
// it is not kept in a variable, storage or cookie, and never logged.
(function () {
  'use strict';

  const FAST = 1500;   // the run in flight
  const SLOW = 10000;  // health, history, workspaces, configuration
  const COLORS = { success: '#1a7f37', partial: '#b7791f', failed: '#c62828', abandoned: '#7f1d1d', running: '#2563eb' };
  const LINE_COLORS = ['#2563eb', '#db2777', '#059669', '#7c3aed', '#ea580c', '#0891b2'];

  const $ = (id) => document.getElementById(id);
  const state = { workspaces: [], sortKey: 'workspace', sortDir: 1, running: null, nextFireTime: null, charts: {} };

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
    });
    children.forEach((c) => e.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c))));
    return e;
  }

  async function getJson(path) {
    const r = await fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (!r.ok) throw new Error(path + ' answered HTTP ' + r.status);
    return r.json();
  }

  function ago(iso) {
    if (!iso) return 'never';
    const minutes = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 60000));
    return minutes === 0 ? 'less than a minute ago' : minutes + ' min ago';
  }

  function local(iso) { return iso ? new Date(iso).toLocaleString() : '—'; }
  function num(n) { return n == null ? '—' : Number(n).toLocaleString('en-US'); }

  // ---- health, schedule, checks

  async function loadHealth() {
    const [health, schedule, checks] = await Promise.all([
      getJson('/api/sync/health'), getJson('/api/sync/schedule'), getJson('/api/sync/checks')]);
    $('overall').textContent = checks.status === 'UP' ? 'healthy' : 'attention';
    $('overall').className = 'badge ' + checks.status;
    $('last-sync').textContent = 'last complete sync: ' + ago(health.lastSuccessTime)
      + (health.lastSyncStatus ? ' · last run ' + health.lastSyncStatus : '');
    $('last-sync').dataset.lastSuccess = health.lastSuccessTime || '';
    $('next-run').textContent = 'next scheduled run: ' + (schedule.nextFireTime ? local(schedule.nextFireTime) : 'none (schedule off)');
    const list = $('checks');
    list.replaceChildren(...checks.checks.map((c) => el('li', { 'data-check': c.name },
      el('span', { class: 'state ' + c.state, text: c.state }), ' ', el('strong', { text: c.name }), ': ',
      el('span', { class: 'message', text: c.message }))));
  }

  // ---- the run in flight

  async function loadProgress() {
    const p = await getJson('/api/sync/progress');
    const was = state.running;
    state.running = p.running ? p.runId : null;
    $('run-idle').hidden = p.running;
    $('run-live').hidden = !p.running;
    if (p.running) {
      $('run-title').textContent = 'Run ' + (p.runId || '…') + ' (' + p.trigger + ')';
      $('run-title').dataset.runId = p.runId || '';
      $('run-elapsed').textContent = Math.round(p.elapsedSeconds) + ' s';
      $('run-workspaces').textContent = p.workspacesDone + ' of ' + p.workspacesPlanned;
      $('run-accounts').textContent = num(p.accountsSoFar);
      $('run-bar').style.width = (p.workspacesPlanned ? Math.round(100 * p.workspacesDone / p.workspacesPlanned) : 0) + '%';
      $('lanes').replaceChildren(...p.lanes.map((l) => el('tr', {}, el('td', { text: l.instance }), el('td', { text: l.key }),
        el('td', { text: l.workspace }), el('td', { class: 'num', text: l.pages }), el('td', { class: 'num', text: num(l.accounts) }))));
    }
    $('rates').replaceChildren(...p.instances.map((i) => el('tr', {}, el('td', { text: i.instance }),
      el('td', { class: 'num', text: num(i.requestsPerMinute) }),
      el('td', { class: 'num', text: i.budgetPerMinute > 0 ? num(i.budgetPerMinute) : 'fixed page delay' }))));
    if (was && !p.running) loadSlow();   // a run just ended: show its results at once
  }

  // ---- run history charts

  async function loadRuns() {
    const data = await getJson('/api/sync/runs?limit=50');
    const runs = data.runs.slice().reverse();   // oldest first
    const strip = $('run-strip');
    strip.replaceChildren(...runs.map((r) => el('span', {
      class: r.status, 'data-run-id': r.runId, 'data-status': r.status,
      title: 'run ' + r.runId + ' (' + r.trigger + '): ' + r.status + ', ' + num(r.totalAccountsFetched) + ' accounts, '
        + (r.durationSeconds == null ? '…' : Number(r.durationSeconds).toFixed(1) + ' s') })));
    const finished = runs.filter((r) => r.completedAt);
    const xs = finished.map((r) => Math.round(Date.parse(r.startedAt) / 1000));
    drawRunsChart(xs, finished);
    drawInstancesChart(xs, finished);
  }

  function chartWidth(id) { return Math.max(360, $(id).clientWidth || 480); }

  function replaceChart(id, opts, data) {
    if (state.charts[id]) state.charts[id].destroy();
    $(id).replaceChildren();
    state.charts[id] = new uPlot(opts, data, $(id));
    $(id).dataset.points = data[0].length;
  }

  function drawRunsChart(xs, runs) {
    const point = (u, seriesIdx, idx) => COLORS[runs[idx] && runs[idx].status] || '#6b7280';
    replaceChart('chart-runs', {
      width: chartWidth('chart-runs'), height: 200,
      scales: { x: { time: true }, s: {}, n: {} },
      axes: [{}, { scale: 's', label: 's' }, { scale: 'n', side: 1, label: 'accounts', grid: { show: false } }],
      series: [{},
        { label: 'duration (s)', scale: 's', stroke: '#374151', width: 2,
          points: { show: true, size: 9, fill: '#ffffff', stroke: '#374151' } },
        { label: 'accounts', scale: 'n', stroke: '#2563eb', width: 2, points: { show: true, size: 7 } }],
      hooks: { draw: [(u) => {   // status by colour: a dot per run on the duration line
        const ctx = u.ctx;
        runs.forEach((r, i) => {
          const x = u.valToPos(xs[i], 'x', true), y = u.valToPos(Number(r.durationSeconds || 0), 's', true);
          ctx.beginPath(); ctx.fillStyle = point(u, 1, i); ctx.arc(x, y, 5 * devicePixelRatio, 0, 2 * Math.PI); ctx.fill();
        });
      }] },
    }, [xs, runs.map((r) => Number(r.durationSeconds || 0)), runs.map((r) => r.totalAccountsFetched || 0)]);
  }

  function drawInstancesChart(xs, runs) {
    const names = [];
    runs.forEach((r) => Object.keys(r.byInstance || {}).forEach((n) => { if (!names.includes(n)) names.push(n); }));
    const series = names.map((n) => runs.map((r) => (r.byInstance && r.byInstance[n] ? r.byInstance[n].accounts : null)));
    replaceChart('chart-instances', {
      width: chartWidth('chart-instances'), height: 200,
      scales: { x: { time: true } },
      series: [{}, ...names.map((n, i) => ({ label: n, stroke: LINE_COLORS[i % LINE_COLORS.length], width: 2, points: { show: true, size: 7 } }))],
    }, [xs, ...series]);
  }

  // ---- workspaces

  async function loadWorkspaces() {
    state.workspaces = (await getJson('/api/sync/workspaces')).workspaces;
    renderWorkspaces();
    renderHeld();
  }

  function renderWorkspaces() {
    const filter = $('filter').value.trim().toLowerCase();
    const rows = state.workspaces.filter((w) => !filter
      || [w.bisonInstance, w.workspace, w.lastStatus, w.lastError].some((v) => v && String(v).toLowerCase().includes(filter)));
    const k = state.sortKey, d = state.sortDir;
    rows.sort((a, b) => {
      const x = a[k], y = b[k];
      if (x == null && y == null) return 0; if (x == null) return 1; if (y == null) return -1;
      return (typeof x === 'number' ? x - y : String(x).localeCompare(String(y))) * d;
    });
    document.querySelectorAll('#workspaces th').forEach((th) => {
      th.classList.toggle('sorted-asc', th.dataset.key === k && d > 0);
      th.classList.toggle('sorted-desc', th.dataset.key === k && d < 0);
    });
    document.querySelector('#workspaces tbody').replaceChildren(...rows.map((w) => {
      const tr = el('tr', { 'data-instance': w.bisonInstance, 'data-workspace-id': w.workspaceId,
          class: w.apiTotal != null && w.apiTotal !== w.cachedAccounts ? 'mismatch' : '' },
        el('td', { text: w.bisonInstance }), el('td', { class: 'workspace', text: w.workspace }),
        el('td', { class: 'num cached', text: num(w.cachedAccounts) }), el('td', { class: 'num total', text: num(w.apiTotal) }),
        el('td', { class: 'num pages', text: num(w.pagesFetched) }),
        el('td', { class: 'status' }, el('span', { class: 'st-' + w.lastStatus, text: w.lastStatus }),
          w.lastError ? el('div', { class: 'muted reason', text: w.lastError }) : ''),
        el('td', { class: 'last-success', title: local(w.lastSuccessAt), text: w.lastSuccessAt ? ago(w.lastSuccessAt) : 'never' }),
        el('td', { class: 'num failures', text: w.consecutiveFailures }));
      tr.addEventListener('click', () => loadWorkspaceHistory(w));
      return tr;
    }));
  }

  async function loadWorkspaceHistory(w) {
    const q = new URLSearchParams({ instance: w.bisonInstance, workspaceId: w.workspaceId, limit: 20 });
    const h = await getJson('/api/sync/workspaces/history?' + q);
    $('ws-history').hidden = false;
    $('ws-history-title').textContent = 'History of ' + w.workspace + ' (' + w.bisonInstance + ')';
    $('ws-history-rows').replaceChildren(...h.results.map((r) => el('tr', {},
      el('td', { text: r.runId }), el('td', {}, el('span', { class: 'st-' + r.status, text: r.status })),
      el('td', { class: 'num', text: num(r.accountsRead) }), el('td', { class: 'num', text: num(r.apiTotal) }),
      el('td', { class: 'num', text: r.pagesFetched }), el('td', { text: '+' + r.inserted + ' ~' + r.updated + ' -' + r.deleted }),
      el('td', { class: 'num', text: r.held }), el('td', { class: 'num', text: num(r.durationMs) }),
      el('td', { class: 'muted', text: r.errorMessage || '' }), el('td', { text: local(r.completedAt) }))));
  }

  function renderHeld() {
    const held = state.workspaces.filter((w) => w.heldAccounts > 0);
    // stays visible while it shows the answer to a confirmation
    $('held-section').hidden = held.length === 0 && !$('held-answer').textContent;
    $('held').replaceChildren(...held.map((w) => {
      const button = el('button', { type: 'button', class: 'confirm', text: 'Confirm deletion of ' + w.heldAccounts });
      button.addEventListener('click', () => confirmHeld(w));
      return el('tr', { 'data-instance': w.bisonInstance, 'data-workspace-id': w.workspaceId },
        el('td', { text: w.bisonInstance }), el('td', { text: w.workspace }), el('td', { class: 'num', text: num(w.heldAccounts) }),
        el('td', { class: 'num', text: num(w.cachedAccounts) }), el('td', {}, button));
    }));
  }

  // ---- actions that need the ops token

  function takeToken() {
    const field = $('token');
    const value = field.value;
    field.value = '';
    return value;
  }

  function say(target, ok, text) {
    target.className = ok ? 'answer-ok' : 'answer-bad';
    target.textContent = text;
  }

  async function post(path, token, body) {
    const headers = { Accept: 'application/json' };
    if (token) headers.Authorization = 'Bearer ' + token;
    if (body) headers['Content-Type'] = 'application/json';
    const r = await fetch(path, { method: 'POST', headers, body: body ? JSON.stringify(body) : undefined, cache: 'no-store' });
    let json = {};
    try { json = await r.json(); } catch (e) { /* an empty or non-JSON answer */ }
    return { status: r.status, json };
  }

  function refusal(status, json) {
    switch (status) {
      case 401: return 'Not started: the ops token is wrong or missing (401).';
      case 403: return 'The manual trigger is off on this server: set bison.ops.token to enable it (403).';
      case 409: return 'Not started (409): ' + (json.error || 'a sync run is in progress; try again when it has finished');
      default: return 'Refused (HTTP ' + status + '): ' + (json.error || 'see the bison-sync log');
    }
  }

  async function syncNow(event) {
    event.preventDefault();
    const answer = $('sync-answer');
    say(answer, true, 'Starting…');
    try {
      const r = await post('/api/sync', takeToken());
      if (r.status === 202) {
        say(answer, true, 'Started run ' + r.json.runId + ' (202); its progress shows above.');
        loadProgress();
      } else {
        say(answer, false, refusal(r.status, r.json));
      }
    } catch (e) {
      say(answer, false, 'The server did not answer: ' + e.message);
    }
  }

  async function confirmHeld(w) {
    const answer = $('held-answer');
    if (!window.confirm('Delete the ' + w.heldAccounts + ' held accounts of ' + w.workspace + ' (' + w.bisonInstance + ')?')) return;
    try {
      const r = await post('/api/sync/held/confirm', takeToken(), { instance: w.bisonInstance, workspaceId: w.workspaceId });
      if (r.status === 200) {
        say(answer, true, 'Deleted ' + r.json.deleted + ' held accounts of ' + w.workspace + '.');
        loadWorkspaces();
      } else {
        say(answer, false, r.status === 404 ? 'Nothing held for ' + w.workspace + ' any more (404).' : refusal(r.status, r.json));
      }
    } catch (e) {
      say(answer, false, 'The server did not answer: ' + e.message);
    }
  }

  // ---- read-only configuration

  async function loadConfig() {
    const c = await getJson('/api/ops/config');
    const rows = Object.entries(c.thresholds).map(([k, v]) => el('tr', {}, el('td', { text: k }), el('td', { text: v })));
    rows.push(el('tr', {}, el('td', { text: 'alert webhook' }), el('td', { id: 'webhook-state',
      text: c.notifier.webhookConfigured ? (c.notifier.webhookFailing ? 'configured, last post failed' : 'configured') : 'not set: alerts are not posted' })));
    rows.push(el('tr', {}, el('td', { text: 'checked every' }), el('td', { text: c.notifier.checkInterval })));
    rows.push(el('tr', {}, el('td', { text: 'run summaries to the webhook' }), el('td', { text: c.notifier.postRunSummaries ? 'on' : 'off' })));
    rows.push(el('tr', {}, el('td', { text: 'manual trigger' }), el('td', { text: c.manualTrigger ? 'enabled (token)' : 'off' })));
    rows.push(el('tr', {}, el('td', { text: 'schedule (cron)' }), el('td', { text: c.cron })));
    $('config').replaceChildren(...rows);
  }

  // ---- polling

  function stamp() { $('updated').textContent = 'updated ' + new Date().toLocaleTimeString(); }
  function guard(p) { return p.then(stamp).catch((e) => { $('updated').textContent = 'ops API not answering: ' + e.message; }); }
  function loadSlow() { return guard(Promise.all([loadHealth(), loadRuns(), loadWorkspaces(), loadConfig()])); }

  document.querySelectorAll('#workspaces th[data-key]').forEach((th) => th.addEventListener('click', () => {
    state.sortDir = state.sortKey === th.dataset.key ? -state.sortDir : 1;
    state.sortKey = th.dataset.key;
    renderWorkspaces();
  }));
  $('filter').addEventListener('input', renderWorkspaces);
  $('sync-form').addEventListener('submit', syncNow);

  loadSlow().then(() => { document.body.dataset.loaded = 'true'; });
  guard(loadProgress());
  setInterval(() => guard(loadProgress()), FAST);
  setInterval(loadSlow, SLOW);
})();
