// bison-sync monitoring page. Everything shown comes from the ops API on this server. The ops token is read from
// its field for the one request that needs it (an Authorization header, never a URL), then the field is cleared.
// The read token (bison.ops.read-token), asked for when the API answers 401, is kept in this closure for the tab's
// life only: never in storage, a cookie or a URL, and never logged.
(function () {
  'use strict';

  const FAST = 1500;   // the run in flight
  const SLOW = 10000;  // health, history, workspaces, configuration
  const COLORS = { success: '#1a7f37', partial: '#8a5a00', failed: '#c62828', abandoned: '#7f1d1d', running: '#2563eb' };
  const SYMBOLS = { success: '●', complete: '●', partial: '▲', held: '▲', truncated: '▲', timed_out: '▲', incomplete: '▲',
    failed: '✕', abandoned: '■', running: '…' };
  const LINE_COLORS = ['#2563eb', '#db2777', '#059669', '#7c3aed', '#ea580c', '#0891b2'];
  const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';

  const $ = (id) => document.getElementById(id);
  const state = { workspaces: [], runs: [], sortKey: null, sortDir: 1, running: null, charts: {}, readToken: null,
    openRun: null, openWorkspace: null };

  class NeedsToken extends Error {}

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v; else e.setAttribute(k, v);
    });
    children.forEach((c) => e.append(c instanceof Node ? c : document.createTextNode(c == null ? '' : String(c))));
    return e;
  }

  function readHeaders() {
    const headers = { Accept: 'application/json' };
    if (state.readToken) headers.Authorization = 'Bearer ' + state.readToken;
    return headers;
  }

  async function getJson(path) {
    let r;
    try {
      r = await fetch(path, { headers: readHeaders(), cache: 'no-store' });
    } catch (e) {
      throw new Error('no answer (' + e.message + ')');
    }
    if (r.status === 401) throw new NeedsToken(path);
    if (!r.ok) throw new Error(path + ' answered HTTP ' + r.status);
    return r.json();
  }

  function ago(iso) {
    if (!iso) return 'never';
    const minutes = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 60000));
    if (minutes === 0) return 'less than a minute ago';
    return minutes < 120 ? minutes + ' min ago' : (minutes / 60).toFixed(1) + ' h ago';
  }

  const DATE_TIME = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit',
    second: '2-digit', timeZoneName: 'short' });
  function local(iso) { return iso ? DATE_TIME.format(new Date(iso)) : '—'; }
  function num(n) { return n == null ? '—' : Number(n).toLocaleString('en-US'); }
  function seconds(s) { return s == null ? '…' : Number(s).toFixed(1) + ' s'; }

  /** A status as a word with its shape; the colour comes from the class. */
  function status(word) {
    return el('span', { class: 'st st-' + word }, el('span', { class: 'sym', 'aria-hidden': 'true', text: SYMBOLS[word] || '•' }), ' ' + word);
  }

  // ---- health, schedule, checks

  async function loadHealth() {
    const [overview, schedule, checks] = await Promise.all([
      getJson('/api/sync/overview'), getJson('/api/sync/schedule'), getJson('/api/sync/checks')]);
    const badge = $('overall');
    badge.replaceChildren(el('span', { 'aria-hidden': 'true', text: { healthy: '● ', partial: '▲ ', attention: '✕ ', waiting: '… ' }[overview.badge] || '' }),
      overview.badgeText);
    badge.className = 'badge ' + overview.badge;
    badge.dataset.state = overview.badge;
    $('last-sync').textContent = 'last complete sync: ' + ago(overview.lastCompleteTime);
    $('last-sync').title = overview.lastCompleteTime ? local(overview.lastCompleteTime) : 'no run has read every workspace completely yet';
    $('last-sync').dataset.lastComplete = overview.lastCompleteTime || '';
    $('last-run').textContent = lastRunText(overview);
    $('failing-count').textContent = 'failing workspaces: ' + overview.workspacesFailing + ' of ' + overview.workspaces
      + (overview.workspacesStale ? ' · not read completely within ' + overview.maxSyncAge + ': ' + overview.workspacesStale : '');
    $('next-run').textContent = 'next scheduled run: ' + (schedule.nextFireTime ? local(schedule.nextFireTime) : 'none (schedule off)');
    $('checks').replaceChildren(...checks.checks.map((c) => el('li', { 'data-check': c.name },
      el('span', { class: 'state ' + c.state }, el('span', { 'aria-hidden': 'true', text: c.state === 'UP' ? '● ' : '✕ ' }), c.state),
      ' ', el('strong', { text: c.name }), ': ', el('span', { class: 'message', text: c.message }))));
  }

  function lastRunText(o) {
    if (!o.lastRunId) return 'no run finished yet';
    const run = o.lastRun;
    let text = 'last run ' + o.lastRunId + ' ' + o.lastRunStatus + ': ' + run.workspacesComplete + ' of ' + run.workspacesRead + ' complete';
    if (o.lastRunStatus !== 'success') text += ' · ' + reasonText(o.lastRunError, run.reasons);
    return text;
  }

  /** A run's reason in words: its most common workspace reasons, else its own error text. */
  function reasonText(error, reasons) {
    if (reasons && reasons.length) {
      return reasons.slice(0, 2).map((r) => r.reason + ' (' + r.workspaces + ' workspace' + (r.workspaces === 1 ? '' : 's') + ')').join('; ');
    }
    return error || 'no error recorded';
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
        el('td', { class: 'workspace', text: l.workspace }), el('td', { class: 'num', text: l.pages }), el('td', { class: 'num', text: num(l.accounts) }))));
    }
    $('rates').replaceChildren(...p.instances.map((i) => el('tr', {}, el('td', { text: i.instance }),
      el('td', { class: 'num', text: num(i.requestsPerMinute) }),
      el('td', { class: 'num', text: i.budgetPerMinute > 0 ? num(i.budgetPerMinute) : 'fixed page delay' }))));
    if (was && !p.running) loadSlow();   // a run just ended: show its results at once
  }

  // ---- runs: strip, charts, list and one run's workspaces

  async function loadRuns() {
    const data = await getJson('/api/sync/runs?limit=50');
    state.runs = data.runs;
    const runs = data.runs.slice().reverse();   // oldest first
    $('run-strip').replaceChildren(...runs.map((r) => {
      const b = el('button', { type: 'button', class: r.status, 'data-run-id': r.runId, 'data-status': r.status,
        'aria-label': 'run ' + r.runId + ', ' + r.status + ', ' + seconds(r.durationSeconds) + ': show its workspaces',
        title: 'run ' + r.runId + ' (' + r.trigger + '): ' + r.status + ', ' + num(r.totalAccountsFetched) + ' accounts, ' + seconds(r.durationSeconds),
        text: SYMBOLS[r.status] || '•' });
      b.addEventListener('click', () => openRun(r.runId));
      return b;
    }));
    renderRunList();
    const finished = runs.filter((r) => r.completedAt);
    const xs = finished.map((r) => Math.round(Date.parse(r.startedAt) / 1000));
    drawRunsChart(xs, finished);
    drawInstancesChart(xs, finished);
    if (state.openRun) openRun(state.openRun, false);
  }

  function renderRunList() {
    $('runs-rows').replaceChildren(...state.runs.map((r) => {
      const open = el('button', { type: 'button', class: 'link', text: 'Run ' + r.runId, 'aria-label': 'run ' + r.runId + ': show its workspaces' });
      open.addEventListener('click', () => openRun(r.runId));
      const failing = r.workspacesFailed || [];
      return el('tr', { 'data-run-id': r.runId, class: r.runId === state.openRun ? 'selected' : '' },
        el('td', {}, open), el('td', { text: local(r.startedAt) }), el('td', { class: 'num', text: seconds(r.durationSeconds) }),
        el('td', { text: r.trigger }), el('td', { class: 'status' }, status(r.status)),
        el('td', { text: '+' + num(r.inserted) + ' ~' + num(r.updated) + ' −' + num(r.deleted) }),
        el('td', { class: 'complete', text: r.workspacesComplete + ' of ' + r.workspacesRead }),
        el('td', { class: 'failing', text: failing.length ? failing.length + ': ' + failing.slice(0, 3).join(', ')
          + (failing.length > 3 ? ', …' : '') : '—' }),
        el('td', { class: 'reason', text: r.status === 'success' || r.status === 'running' ? (r.errorMessage || '') : reasonText(r.errorMessage, r.reasons) }));
    }));
  }

  function openRun(runId, focus = true) {
    const r = state.runs.find((x) => x.runId === runId);
    if (!r) return;
    state.openRun = runId;
    document.querySelectorAll('#run-strip button').forEach((b) => b.classList.toggle('selected', Number(b.dataset.runId) === runId));
    document.querySelectorAll('#runs-rows tr').forEach((tr) => tr.classList.toggle('selected', Number(tr.dataset.runId) === runId));
    $('run-detail').hidden = false;
    $('run-detail-title').textContent = 'Run ' + r.runId + ' (' + r.trigger + ', ' + local(r.startedAt) + '): ' + r.status + ', '
      + r.workspacesComplete + ' of ' + r.workspacesRead + ' workspaces complete';
    $('run-detail-error').textContent = r.errorMessage ? 'Error: ' + r.errorMessage : '';
    $('run-detail-rows').replaceChildren(...(r.workspaces || []).map((w) => el('tr', { 'data-workspace-id': w.workspaceId == null ? '' : w.workspaceId },
      el('td', { text: w.instance }), el('td', { class: 'workspace', text: w.workspace }), el('td', {}, status(w.status)),
      el('td', { class: 'num', text: num(w.accountsRead) }), el('td', { class: 'num', text: num(w.apiTotal) }),
      el('td', { text: '+' + w.inserted + ' ~' + w.updated + ' −' + w.deleted }),
      el('td', { class: 'reason', text: w.errorMessage || (w.status === 'complete' ? '' : w.status) }))));
    if (focus) $('run-detail-title').focus();
  }

  function chartWidth(id) { return Math.max(300, $(id).clientWidth || 480); }

  function replaceChart(id, opts, data) {
    if (state.charts[id]) state.charts[id].destroy();
    $(id).replaceChildren();
    // what the browser test checks, once drawn: points, the time span shown, where the counts axis starts
    const shown = (u) => {
      const counts = u.scales.n || u.scales.y;
      $(id).dataset.xSpan = Math.round(u.scales.x.max - u.scales.x.min);
      $(id).dataset.countsMin = counts ? counts.min : '';
      $(id).dataset.points = data[0].length;
    };
    opts.hooks = Object.assign({}, opts.hooks, { draw: ((opts.hooks || {}).draw || []).concat([shown]) });
    state.charts[id] = new uPlot(opts, data, $(id));
  }

  /**
   * A time axis at least an hour wide around the runs shown. Read from the data: for a single point uPlot passes a
   * span of 86400 / ms (1000 days with seconds), which drew one run across "Apr 2027 ... Aug 2029".
   */
  function timeRange(u) {
    const xs = u.data[0].filter((x) => x != null);
    if (!xs.length) { const now = Date.now() / 1000; return [now - 1800, now + 1800]; }
    const min = Math.min(...xs), max = Math.max(...xs);
    const pad = Math.max(1800 - (max - min) / 2, (max - min) * 0.05);
    return [min - pad, max + pad];
  }

  /** Counts start at zero: a 0.6% change must not look like a cliff. */
  function fromZero(u, min, max) { return [0, max > 0 ? max * 1.15 : 1]; }

  /** A new object per chart: uPlot keeps state in the axis options it is given. */
  const timeAxis = () => ({ label: 'run start (' + ZONE + ')', space: 110, size: 64, values: (u, ticks) => ticks.map((t) => {
    const d = new Date(t * 1000);
    return d.toLocaleDateString('en-US', { month: 'short', day: 'numeric' }) + '\n' + d.toLocaleTimeString('en-US', { hour: '2-digit', minute: '2-digit' });
  }) });

  /** Status as a shape too: success a circle, partial a triangle, failed a cross, abandoned a square. */
  function drawShape(ctx, kind, x, y, r) {
    ctx.beginPath();
    if (kind === 'partial' || kind === 'held') { ctx.moveTo(x, y - r); ctx.lineTo(x + r, y + r); ctx.lineTo(x - r, y + r); ctx.closePath(); ctx.fill(); }
    else if (kind === 'failed') { ctx.lineWidth = 3 * devicePixelRatio; ctx.moveTo(x - r, y - r); ctx.lineTo(x + r, y + r); ctx.moveTo(x + r, y - r); ctx.lineTo(x - r, y + r); ctx.stroke(); }
    else if (kind === 'abandoned') { ctx.fillRect(x - r, y - r, 2 * r, 2 * r); }
    else { ctx.arc(x, y, r, 0, 2 * Math.PI); ctx.fill(); }
  }

  function statusShapes(xs, values, statuses, scale) {
    return (u) => {
      const ctx = u.ctx;
      statuses.forEach((s, i) => {
        const c = COLORS[s] || COLORS[{ complete: 'success', held: 'partial' }[s]] || COLORS.partial;
        ctx.fillStyle = c; ctx.strokeStyle = c;
        drawShape(ctx, s === 'complete' ? 'success' : s, u.valToPos(xs[i], 'x', true), u.valToPos(values[i], scale, true), 5 * devicePixelRatio);
      });
    };
  }

  function drawRunsChart(xs, runs) {
    const durations = runs.map((r) => Number(r.durationSeconds || 0));
    replaceChart('chart-runs', {
      width: chartWidth('chart-runs'), height: 220,
      scales: { x: { time: true, range: timeRange }, s: { range: fromZero }, n: { range: fromZero } },
      axes: [timeAxis(), { scale: 's', label: 'seconds' }, { scale: 'n', side: 1, label: 'accounts', grid: { show: false }, size: 60 }],
      series: [{ label: 'start', value: (u, v) => (v == null ? '—' : local(new Date(v * 1000).toISOString())) },
        { label: 'duration (s)', scale: 's', stroke: '#374151', width: 2, points: { show: false } },
        { label: 'accounts', scale: 'n', stroke: '#2563eb', width: 2, points: { show: true, size: 7 } }],
      hooks: { draw: [statusShapes(xs, durations, runs.map((r) => r.status), 's')] },
    }, [xs, durations, runs.map((r) => r.totalAccountsFetched || 0)]);
  }

  function drawInstancesChart(xs, runs) {
    const names = [];
    runs.forEach((r) => Object.keys(r.byInstance || {}).forEach((n) => { if (!names.includes(n)) names.push(n); }));
    const series = names.map((n) => runs.map((r) => (r.byInstance && r.byInstance[n] ? r.byInstance[n].accounts : null)));
    replaceChart('chart-instances', {
      width: chartWidth('chart-instances'), height: 220,
      scales: { x: { time: true, range: timeRange }, y: { range: fromZero } },
      axes: [timeAxis(), { label: 'accounts', size: 60 }],
      series: [{ label: 'start', value: (u, v) => (v == null ? '—' : local(new Date(v * 1000).toISOString())) },
        ...names.map((n, i) => ({ label: n, stroke: LINE_COLORS[i % LINE_COLORS.length], width: 2, points: { show: true, size: 7 } }))],
    }, [xs, ...series]);
  }

  // ---- workspaces

  async function loadWorkspaces() {
    state.workspaces = (await getJson('/api/sync/workspaces')).workspaces;
    const failing = state.workspaces.filter(isFailing).length;
    $('workspaces-count').textContent = '(' + failing + ' failing of ' + state.workspaces.length + ')';
    $('workspaces-count').dataset.failing = failing;
    renderWorkspaces();
    renderHeld();
  }

  function isFailing(w) { return w.consecutiveFailures > 0; }

  /** Default order: failing first (longest streak first), then not fresh, then by instance and name. */
  function failuresFirst(a, b) {
    return (b.consecutiveFailures || 0) - (a.consecutiveFailures || 0) || Number(a.fresh) - Number(b.fresh)
      || String(a.bisonInstance).localeCompare(String(b.bisonInstance)) || String(a.workspace).localeCompare(String(b.workspace));
  }

  function renderWorkspaces() {
    const filter = $('filter').value.trim().toLowerCase();
    const rows = state.workspaces.filter((w) => !filter
      || [w.bisonInstance, w.workspace, w.lastStatus, w.lastError].some((v) => v && String(v).toLowerCase().includes(filter)));
    const k = state.sortKey, d = state.sortDir;
    rows.sort(k ? (a, b) => {
      const x = a[k], y = b[k];
      if (x == null && y == null) return 0; if (x == null) return 1; if (y == null) return -1;
      return (typeof x === 'number' ? x - y : String(x).localeCompare(String(y))) * d;
    } : failuresFirst);
    document.querySelectorAll('#workspaces th[data-key]').forEach((th) => {
      th.setAttribute('aria-sort', th.dataset.key === k ? (d > 0 ? 'ascending' : 'descending') : 'none');
    });
    document.querySelector('#workspaces tbody').replaceChildren(...rows.map((w) => {
      const open = el('button', { type: 'button', class: 'link', text: w.workspace, 'aria-label': 'history of ' + w.workspace + ' (' + w.bisonInstance + ')' });
      open.addEventListener('click', (e) => { e.stopPropagation(); loadWorkspaceHistory(w); });
      const tr = el('tr', { 'data-instance': w.bisonInstance, 'data-workspace-id': w.workspaceId,
          class: w.apiTotal != null && w.apiTotal !== w.cachedAccounts ? 'mismatch' : '' },
        el('td', { text: w.bisonInstance }), el('td', { class: 'workspace' }, open),
        el('td', { class: 'num cached', text: num(w.cachedAccounts) }), el('td', { class: 'num total', text: num(w.apiTotal) }),
        el('td', { class: 'num pages', text: num(w.pagesFetched) }),
        el('td', { class: 'status' }, status(w.lastStatus),
          w.lastError ? el('div', { class: 'reason', text: w.lastError }) : ''),
        el('td', { class: 'last-success', title: local(w.lastSuccessAt) },
          w.lastSuccessAt ? ago(w.lastSuccessAt) : 'never', w.fresh ? '' : el('span', { class: 'stale', text: ' · stale' })),
        el('td', { class: 'num failures', text: w.consecutiveFailures }));
      tr.addEventListener('click', () => loadWorkspaceHistory(w));
      return tr;
    }));
  }

  async function loadWorkspaceHistory(w) {
    const q = new URLSearchParams({ instance: w.bisonInstance, workspaceId: w.workspaceId, limit: 20 });
    const h = await guard(getJson('/api/sync/workspaces/history?' + q));
    if (!h) return;
    $('ws-history').hidden = false;
    $('ws-history-title').textContent = 'History of ' + w.workspace + ' (' + w.bisonInstance + ')';
    $('ws-history-rows').replaceChildren(...h.results.map((r) => el('tr', {},
      el('td', { text: r.runId }), el('td', {}, status(r.status)),
      el('td', { class: 'num', text: num(r.accountsRead) }), el('td', { class: 'num', text: num(r.apiTotal) }),
      el('td', { class: 'num', text: r.pagesFetched }), el('td', { text: '+' + r.inserted + ' ~' + r.updated + ' −' + r.deleted }),
      el('td', { class: 'num', text: r.held }), el('td', { class: 'num', text: num(r.durationMs) }),
      el('td', { class: 'reason', text: r.errorMessage || '' }), el('td', { text: local(r.completedAt) }))));
    drawTrend(h.results.slice().reverse());
    $('ws-history-title').focus();
  }

  function drawTrend(results) {
    const xs = results.map((r) => Math.round(Date.parse(r.completedAt) / 1000));
    const accounts = results.map((r) => r.accountsRead || 0);
    replaceChart('ws-trend', {
      width: chartWidth('ws-trend'), height: 180,
      scales: { x: { time: true, range: timeRange }, y: { range: fromZero } },
      axes: [timeAxis(), { label: 'accounts read', size: 60 }],
      series: [{ label: 'completed', value: (u, v) => (v == null ? '—' : local(new Date(v * 1000).toISOString())) },
        { label: 'accounts read', stroke: '#2563eb', width: 2, points: { show: false } }],
      hooks: { draw: [statusShapes(xs, accounts, results.map((r) => r.status), 'y')] },
    }, [xs, accounts]);
  }

  function renderHeld() {
    const held = state.workspaces.filter((w) => w.heldAccounts > 0);
    // stays visible while it shows the answer to a confirmation
    $('held-section').hidden = held.length === 0 && !$('held-answer').textContent;
    $('held').replaceChildren(...held.map((w) => {
      const button = el('button', { type: 'button', class: 'confirm', text: 'Confirm deletion of ' + w.heldAccounts });
      button.addEventListener('click', () => confirmHeld(w));
      return el('tr', { 'data-instance': w.bisonInstance, 'data-workspace-id': w.workspaceId },
        el('td', { text: w.bisonInstance }), el('td', { class: 'workspace', text: w.workspace }), el('td', { class: 'num', text: num(w.heldAccounts) }),
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
        guard(loadProgress());
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
        guard(loadWorkspaces());
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

  // ---- CSV exports carry the read token like every other read

  async function download(event) {
    if (!state.readToken) return;   // reads are open: the link downloads by itself
    event.preventDefault();
    const link = event.currentTarget;
    const r = await fetch(link.getAttribute('href'), { headers: { Authorization: 'Bearer ' + state.readToken }, cache: 'no-store' });
    if (!r.ok) { showProblem(new Error(link.getAttribute('href') + ' answered HTTP ' + r.status)); return; }
    const url = URL.createObjectURL(await r.blob());
    const a = el('a', { href: url, download: link.getAttribute('href').includes('runs') ? 'bison-sync-runs.csv' : 'bison-sync-workspaces.csv' });
    document.body.append(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  // ---- the API's state: the "updated" stamp moves only when data arrived

  function showProblem(e) {
    document.body.dataset.failedLoads = Number(document.body.dataset.failedLoads || 0) + 1;
    if (e instanceof NeedsToken) {
      $('read-token-form').hidden = false;
      $('read-token-why').textContent = state.readToken
        ? 'The read token was refused (401): enter the value of bison.ops.read-token again. It is kept in this tab\'s memory only and sent as the Authorization header.'
        : 'The ops API needs its read token (bison.ops.read-token) to answer. It is kept in this tab\'s memory only and sent as the Authorization header.';
      $('api-state').hidden = true;
      return;
    }
    $('api-state').hidden = false;
    $('api-state').textContent = 'The ops API is not answering: ' + e.message + '. The data below is from '
      + ($('updated').dataset.at ? $('updated').dataset.at : 'no successful load') + '.';
  }

  function arrived() {
    const at = DATE_TIME.format(new Date());
    $('updated').textContent = 'updated ' + at;
    $('updated').dataset.at = at;
    $('api-state').hidden = true;
    $('read-token-form').hidden = true;
  }

  /** Runs a load; a failure is shown, never thrown (the answer is undefined then). */
  function guard(p) { return p.catch((e) => { showProblem(e); }); }
  function loadSlow() {
    return Promise.all([loadHealth(), loadRuns(), loadWorkspaces(), loadConfig()]).then(arrived).catch(showProblem);
  }

  document.querySelectorAll('#workspaces th[data-key]').forEach((th) => {
    const button = el('button', { type: 'button', class: 'sort', text: th.textContent });
    th.replaceChildren(button);
    th.setAttribute('aria-sort', 'none');
    button.addEventListener('click', () => {
      state.sortDir = state.sortKey === th.dataset.key ? -state.sortDir : 1;
      state.sortKey = th.dataset.key;
      renderWorkspaces();
    });
  });
  $('filter').addEventListener('input', renderWorkspaces);
  $('sync-form').addEventListener('submit', syncNow);
  $('read-token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    state.readToken = $('read-token').value.trim() || null;
    $('read-token').value = '';
    loadSlow();
  });
  ['export-runs', 'export-workspaces'].forEach((id) => $(id).addEventListener('click', download));
  $('time-zone').textContent = 'Times are in ' + ZONE + '.';

  loadSlow().then(() => { document.body.dataset.loaded = 'true'; });
  guard(loadProgress());
  setInterval(() => guard(loadProgress()), FAST);
  setInterval(loadSlow, SLOW);
})();
