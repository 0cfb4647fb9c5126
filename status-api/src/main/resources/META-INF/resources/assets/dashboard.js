// Stormwatch wall-screen dashboard. Fetches /api/v1/dashboard with the browser's session (signed in at /sign-in with
// Entra ID or an API key; the cookie is HttpOnly, no credential is ever put in a URL) and refetches whenever the
// live stream (/api/v1/stream, server-sent events) reports a change. Countdowns and ages tick every second from the
// service's clock ("now" in the answer) plus the time elapsed since it was fetched.
(function () {
  'use strict';

  var state = { data: null, fetchedAt: 0, serverNow: 0, refetchTimer: null, source: null };
  // Marks the dashboard's own requests, so that an expired Entra ID session answers 499 instead of a redirect.
  var HEADERS = { 'Accept': 'application/json', 'X-Requested-With': 'JavaScript' };

  var params = new URLSearchParams(window.location.search);
  // An old bookmark's ?key= is never used (keys are not taken from URLs); it is only taken out of the address bar.
  if (params.has('key')) {
    params.delete('key');
    var rest = params.toString();
    history.replaceState(null, '', window.location.pathname + (rest ? '?' + rest : '') + window.location.hash);
  }
  // ?platform=a&platform=b shows only those platforms (one wall screen per platform); all by default.
  var only = params.getAll('platform');
  var dashboardUrl = '/api/v1/dashboard' + (only.length ? '?' + only.map(function (p) {
    return 'platform=' + encodeURIComponent(p);
  }).join('&') : '');

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function notice(text) {
    var box = document.getElementById('notice');
    if (text) { box.textContent = text; box.hidden = false; } else { box.hidden = true; }
  }

  function serverNow() {
    return state.serverNow + (Date.now() - state.fetchedAt);
  }

  function two(n) { return (n < 10 ? '0' : '') + n; }

  function hms(seconds) {
    var s = Math.abs(Math.floor(seconds));
    return two(Math.floor(s / 3600)) + ':' + two(Math.floor(s / 60) % 60) + ':' + two(s % 60);
  }

  function age(seconds) {
    var m = Math.max(0, Math.floor(seconds / 60));
    if (m < 60) { return m + ' min'; }
    var h = Math.floor(m / 60);
    if (h < 48) { return h + ' h ' + (m % 60) + ' min'; }
    return Math.floor(h / 24) + ' d ' + (h % 24) + ' h';
  }

  function clockTime(iso) {
    var d = new Date(iso);
    return two(d.getHours()) + ':' + two(d.getMinutes());
  }

  function regionName(grid, region) {
    if (!region) { return '?'; }
    return (grid && grid.regionNames && grid.regionNames[region]) || region;
  }

  function stateLabel(s) { return (s || 'operational').replace('-', ' '); }

  // Not signed in (401), or the Entra ID session has ended (499): sign in, then come back here.
  function signIn() {
    window.location.assign('/sign-in?then=' + encodeURIComponent(window.location.pathname + window.location.search));
  }

  function fetchDashboard() {
    fetch(dashboardUrl, { headers: HEADERS, credentials: 'same-origin' })
      .then(function (response) {
        if (response.status === 401 || response.status === 499) {
          signIn();
          throw new Error('unauthorised');
        }
        if (response.status === 403) {
          notice('Signed in without a Stormwatch role: sign out and sign in as someone with the viewer role.');
          throw new Error('unauthorised');
        }
        if (!response.ok) { throw new Error('HTTP ' + response.status); }
        return response.json();
      })
      .then(function (data) {
        state.data = data;
        state.serverNow = Date.parse(data.now);
        state.fetchedAt = Date.now();
        notice(null);
        render();
      })
      .catch(function (error) {
        if (error.message !== 'unauthorised') { notice('Cannot reach status-api: ' + error.message + '. Retrying.'); }
      });
  }

  function scheduleRefetch() {
    if (state.refetchTimer) { return; }
    state.refetchTimer = setTimeout(function () { state.refetchTimer = null; fetchDashboard(); }, 250);
  }

  function connectStream() {
    if (!window.EventSource) { return; }
    // EventSource cannot send headers: the session cookie authenticates it.
    var source = new EventSource('/api/v1/stream');
    state.source = source;
    var live = document.getElementById('live');
    source.addEventListener('open', function () { live.className = 'live on'; });
    source.addEventListener('hello', function () { live.className = 'live on'; });
    source.addEventListener('change', scheduleRefetch);
    source.addEventListener('reset', scheduleRefetch);
    source.addEventListener('error', function () { live.className = 'live off'; });
  }

  function render() {
    var root = document.getElementById('platforms');
    root.textContent = '';
    var data = state.data;
    if (!data.platforms.length) {
      root.appendChild(el('p', 'quiet', 'No platform catalog published yet.'));
    }
    data.platforms.forEach(function (panel) {
      // Each panel carries its own platform's newest items: a busy platform never pushes a quiet one's out.
      var items = (panel.timeline || data.timeline.filter(function (t) { return t.platformId === panel.platform.id; })).slice(0, 8);
      root.appendChild(renderPlatform(panel, items));
    });
    tick();
  }

  function renderPlatform(panel, timeline) {
    var p = panel.platform;
    var section = el('section', 'platform');
    section.setAttribute('data-platform', p.id);
    var head = el('div', 'platform-head');
    head.appendChild(el('h1', null, p.name || p.id));
    head.appendChild(el('span', 'chip s-' + p.worstState, stateLabel(p.worstState)));
    var facts = el('span', 'facts');
    facts.appendChild(document.createTextNode('Strategy '));
    facts.appendChild(el('b', null, (p.strategy || '').replace('-', ' ')));
    facts.appendChild(document.createTextNode(' · RTO '));
    facts.appendChild(el('b', null, p.rto));
    facts.appendChild(document.createTextNode(' · ' + regionName(panel.grid, p.primaryRegion) + ' → '
        + regionName(panel.grid, p.secondaryRegion)));
    if (p.drLead) { facts.appendChild(document.createTextNode(' · DR lead ' + p.drLead)); }
    head.appendChild(facts);
    section.appendChild(head);

    var body = el('div', 'platform-body');
    var main = el('div', 'main');
    main.appendChild(renderGrid(panel.grid));
    main.appendChild(renderTimeline(timeline));
    body.appendChild(main);
    var side = el('div', 'side');
    side.appendChild(renderDecisions(panel.openDecisions || []));
    side.appendChild(renderIncidents(panel.openIncidents || [], panel.grid));
    if (panel.feasibility) { side.appendChild(renderFeasibility(panel.feasibility)); }
    if (panel.runs && panel.runs.length) { side.appendChild(renderRuns(panel.runs)); }
    body.appendChild(side);
    section.appendChild(body);
    return section;
  }

  function renderGrid(grid) {
    var wrap = el('div', 'grid-wrap');
    wrap.appendChild(el('h2', null, 'Components by layer and region'));
    var table = el('table', 'grid');
    var head = el('tr');
    head.appendChild(el('th', 'layer', 'Layer'));
    grid.regions.forEach(function (region) {
      var th = el('th', 'region' + (region === grid.primaryRegion ? ' primary' : ''), regionName(grid, region));
      if (region === grid.primaryRegion) { th.appendChild(el('span', 'role', 'primary')); }
      if (region === grid.secondaryRegion) { th.appendChild(el('span', 'role', 'secondary')); }
      head.appendChild(th);
    });
    table.appendChild(head);
    grid.layers.forEach(function (row) {
      if (!row.components.length) { return; }
      var tr = el('tr');
      tr.appendChild(el('th', 'layer', row.layer));
      grid.regions.forEach(function (region) {
        var td = el('td');
        row.components.forEach(function (c) {
          var s = c.regions[region];
          if (!s) { return; }
          var tile = el('div', 'tile s-' + s);
          tile.setAttribute('data-component', c.id);
          tile.setAttribute('data-region', region);
          tile.setAttribute('data-state', s);
          tile.title = c.name + ': ' + stateLabel(s);
          tile.appendChild(el('span', 'name', c.name));
          tile.appendChild(el('span', 'state', stateLabel(s)));
          td.appendChild(tile);
        });
        tr.appendChild(td);
      });
      table.appendChild(tr);
    });
    wrap.appendChild(table);
    return wrap;
  }

  function renderDecisions(decisions) {
    var box = el('div', 'decisions');
    box.appendChild(el('h2', null, 'Open decision'));
    if (!decisions.length) {
      box.appendChild(el('p', 'quiet', 'No decision waiting.'));
      return box;
    }
    var item = decisions[0];
    var d = item.decision;
    var card = el('div', 'card decision' + (d.rtoAtRisk ? ' at-risk' : '') + (d.drill ? ' drill' : ''));
    card.setAttribute('data-decision', d.id);
    var title = el('h3');
    if (d.rtoAtRisk) { title.appendChild(el('span', 'badge risk', 'RTO at risk')); }
    if (d.drill) { title.appendChild(el('span', 'badge drill', 'drill')); }
    title.appendChild(document.createTextNode(d.title || d.kind));
    card.appendChild(title);
    var countdown = el('div', 'countdown', '--:--:--');
    countdown.setAttribute('data-deadline', d.deadline || '');
    card.appendChild(countdown);
    card.appendChild(el('div', 'meta', d.deadline ? 'Decide by ' + clockTime(d.deadline) + ' · ' + (d.kind || '').replace('-', ' ')
        + (item.pendingConfirmation ? ' · taken, awaiting confirmation' : '') : 'No deadline'));
    if (d.recommendation) { card.appendChild(el('div', 'recommendation', d.recommendation)); }
    if (d.kind !== 'recovery-step' && !item.pendingConfirmation) { card.appendChild(decide(d)); }
    box.appendChild(card);
    var steps = decisions.filter(function (i) { return i.decision.kind === 'recovery-step'; });
    var others = decisions.filter(function (i) { return i !== item && i.decision.kind !== 'recovery-step'; }).length;
    if (steps.length) { box.appendChild(renderSteps(steps)); }
    if (others > 0) {
      box.appendChild(el('p', 'quiet', '+ ' + others + ' more open decision' + (others > 1 ? 's' : '')));
    }
    return box;
  }

  // Open recovery steps in run order; a responder starts each one, then completes it (approves its decision).
  function renderSteps(steps) {
    var list = el('ol', 'steps');
    steps.slice().sort(function (a, b) {
      return ((a.decision.step || {}).runOrder || 0) - ((b.decision.step || {}).runOrder || 0);
    }).forEach(function (i) {
      var d = i.decision;
      var li = el('li', 'step-item' + (d.drill ? ' drill' : ''));
      li.setAttribute('data-step-decision', d.id);
      if (d.drill) { li.appendChild(el('span', 'badge drill', 'drill')); }
      li.appendChild(el('span', 'step-name', d.step ? d.step.componentId + ': ' + d.step.step : (d.title || d.id)));
      if (d.startedAt) {
        li.appendChild(el('span', 'meta', ' started ' + clockTime(d.startedAt) + (d.startedBy ? ' by ' + d.startedBy : '')));
        li.appendChild(button('Complete', 'complete', function () {
          var evidence = window.prompt('Validation evidence for ' + (d.step ? d.step.step : d.id) + ' (optional)', '');
          if (evidence === null) { return; }
          act('/api/v1/decisions/' + encodeURIComponent(d.id) + '/approve', { reason: 'step completed', evidence: evidence });
        }));
      } else {
        li.appendChild(button('Start', 'start', function () {
          act('/api/v1/decisions/' + encodeURIComponent(d.id) + '/start', { via: 'dashboard' });
        }));
      }
      list.appendChild(li);
    });
    var wrap = el('div', 'steps-box');
    wrap.appendChild(el('h2', null, 'Recovery steps'));
    wrap.appendChild(list);
    return wrap;
  }

  // Approve or decline, with the reason the audit trail keeps; a DR lead's call (others are answered 403).
  function decide(d) {
    var actions = el('div', 'decide');
    [['Approve', 'approve'], ['Decline', 'decline']].forEach(function (a) {
      actions.appendChild(button(a[0], a[1], function () {
        var reason = window.prompt(a[0] + ': ' + (d.title || d.id) + '\nReason (kept in the audit trail)', '');
        if (!reason) { return; }
        act('/api/v1/decisions/' + encodeURIComponent(d.id) + '/' + a[1], { reason: reason });
      }));
    });
    return actions;
  }

  function button(text, className, onClick) {
    var b = el('button', 'act ' + className, text);
    b.type = 'button';
    b.addEventListener('click', onClick);
    return b;
  }

  // An action with the browser's session; a role too low for it answers 403, which the notice explains.
  function act(url, body) {
    fetch(url, { method: 'POST', headers: Object.assign({ 'Content-Type': 'application/json' }, HEADERS),
      credentials: 'same-origin', body: JSON.stringify(body) })
      .then(function (response) {
        if (response.status === 401 || response.status === 499) { signIn(); return; }
        if (response.status === 403) {
          notice('Not allowed with your sign-in: this needs a responder (recovery steps) or a DR lead (decisions). '
              + 'Sign out and sign in with that role.');
          return;
        }
        if (!response.ok) {
          return response.json().then(function (e) { notice(e.error || ('HTTP ' + response.status)); });
        }
        notice(null);
        scheduleRefetch();
      })
      .catch(function (error) { notice('Cannot reach status-api: ' + error.message); });
  }

  function renderIncidents(incidents, grid) {
    var names = {};
    if (grid) { grid.layers.forEach(function (r) { r.components.forEach(function (c) { names[c.id] = c.name; }); }); }
    var box = el('div', 'incidents');
    box.appendChild(el('h2', null, 'Open incidents (' + incidents.length + ')'));
    if (!incidents.length) {
      box.appendChild(el('p', 'quiet', 'No open incident.'));
      return box;
    }
    incidents.forEach(function (i) {
      var card = el('div', 'card incident ' + (i.severity || '') + (i.drill ? ' drill' : ''));
      card.setAttribute('data-incident', i.id);
      var title = el('h3');
      title.appendChild(el('span', 'sev', i.severity || ''));
      if (i.drill) { title.appendChild(el('span', 'badge drill', 'drill')); }
      title.appendChild(document.createTextNode(i.title || i.id));
      card.appendChild(title);
      if (i.state === 'mitigated') {
        // The provider has mitigated it; the platform is still recovering, so it stays on the screen.
        card.className += ' mitigated';
        card.appendChild(el('div', 'state mitigated', 'Mitigated by the provider · platform still recovering'));
      }
      var meta = el('div', 'meta');
      meta.appendChild(document.createTextNode('Open for '));
      var ageNode = el('span', 'age', age(i.ageSeconds));
      ageNode.setAttribute('data-opened', i.openedAt || '');
      meta.appendChild(ageNode);
      meta.appendChild(document.createTextNode(' · ' + (i.regions || []).map(function (r) { return regionName(grid, r); }).join(', ')
          + (i.primaryRegionHit ? ' · primary region hit' : '')));
      card.appendChild(meta);
      var comps = el('div', 'components');
      (i.components || []).forEach(function (c) { comps.appendChild(el('span', 'chip', names[c] || c)); });
      card.appendChild(comps);
      if (i.assessment) { card.appendChild(el('div', 'meta', i.assessment)); }
      if (i.drill && i.id.indexOf('drill-') === 0) {
        // The report page is a plain link: the session cookie goes with it.
        var link = el('a', 'report-link', 'Drill report');
        link.href = '/drills/' + encodeURIComponent(i.id.substring(6));
        card.appendChild(link);
      }
      box.appendChild(card);
    });
    return box;
  }

  function renderFeasibility(f) {
    var box = el('div', 'feasibility-box');
    box.appendChild(el('h2', null, 'RTO feasibility'));
    var card = el('div', 'card feasibility' + (f.feasible ? '' : ' miss'));
    card.appendChild(el('h3', null, f.meetsRto ? (f.feasible ? 'Plan fits the RTO' : 'Plan fits the RTO, with findings') : 'Plan misses its targets'));
    card.appendChild(el('div', 'meta', f.summary));
    var basis = el('div', 'meta basis', 'Basis: ' + (f.basisText || 'catalog estimates')
        + (f.lastDrillAt ? ' · last drill ' + f.lastDrillAt.substring(0, 10) : ' · never drilled'));
    card.appendChild(basis);
    if (f.sideBySideText) { card.appendChild(el('div', 'meta side-by-side', f.sideBySideText)); }
    if (f.findings && f.findings.length) {
      var kinds = el('ul', 'findings');
      f.findings.forEach(function (x) {
        var li = el('li', 'finding k-' + x.kind);
        li.appendChild(el('b', null, x.kind.replace(/-/g, ' ') + ': '));
        li.appendChild(document.createTextNode(x.summary || ''));
        kinds.appendChild(li);
      });
      card.appendChild(kinds);
      var rto = f.findings.filter(function (x) { return x.kind === 'rto-exceeded'; })[0];
      if (rto) {
        var list = el('ul');
        (rto.options || []).slice(0, 5).forEach(function (o) { list.appendChild(el('li', null, o)); });
        card.appendChild(list);
      }
    }
    box.appendChild(card);
    return box;
  }

  function renderRuns(runs) {
    var box = el('div', 'runs-box');
    box.appendChild(el('h2', null, 'DR runs'));
    var list = el('ul', 'runs');
    runs.forEach(function (r) {
      var li = el('li', 'run' + (r.withinRto === false ? ' miss' : ''));
      li.setAttribute('data-run', r.id);
      // The report page is a plain link: the session cookie goes with it.
      var link = el('a', 'report-link', 'DR run report ' + r.id);
      link.href = r.page;
      li.appendChild(link);
      li.appendChild(el('span', 'meta', ' · ' + r.state + (r.recoveryTime ? ' · recovered in ' + r.recoveryTime
          + (r.withinRto ? ' (within the RTO)' : ' (over the RTO)') : '') + (r.flagged ? ' · measurements flagged' : '')));
      list.appendChild(li);
    });
    box.appendChild(list);
    return box;
  }

  function renderTimeline(items) {
    var box = el('div', 'timeline-box');
    box.appendChild(el('h2', null, 'Recent timeline'));
    box.appendChild(el('p', 'legend', 'AZURE marks the time the provider stamped on its update; '
        + 'other times are when Stormwatch saw or did it.'));
    var list = el('ol', 'timeline');
    box.appendChild(list);
    if (!items.length) {
      list.appendChild(el('li', 'quiet', 'Nothing has happened yet.'));
    }
    items.forEach(function (item) {
      var li = el('li');
      var provider = item.clock === 'provider';
      li.setAttribute('data-clock', provider ? 'provider' : 'stormwatch');
      var time = el('time', null, clockTime(item.at));
      time.title = provider ? 'Time stamped by the provider (Azure) on its update' : 'Stormwatch time';
      li.appendChild(time);
      if (provider) { li.appendChild(el('span', 'clock provider', 'Azure')); }
      li.appendChild(el('span', 'kind', item.kind));
      if (item.drill) { li.className = 'drill'; li.appendChild(el('span', 'badge drill', 'drill')); }
      li.appendChild(document.createTextNode(item.text));
      li.title = item.text;
      list.appendChild(li);
    });
    return box;
  }

  // Every second: the header clock, every countdown and every incident's age, from the service's time.
  function tick() {
    if (!state.data) { return; }
    var now = serverNow();
    var d = new Date(now);
    document.getElementById('clock').textContent = two(d.getHours()) + ':' + two(d.getMinutes()) + ':' + two(d.getSeconds());
    document.querySelectorAll('.countdown[data-deadline]').forEach(function (node) {
      var deadline = Date.parse(node.getAttribute('data-deadline'));
      if (isNaN(deadline)) { node.textContent = '—'; return; }
      var left = (deadline - now) / 1000;
      node.textContent = left >= 0 ? hms(left) : '−' + hms(left);
      node.classList.toggle('overdue', left < 0);
    });
    document.querySelectorAll('.age[data-opened]').forEach(function (node) {
      var opened = Date.parse(node.getAttribute('data-opened'));
      if (!isNaN(opened)) { node.textContent = age((now - opened) / 1000); }
    });
  }

  setInterval(tick, 1000);
  // Ages and countdowns tick locally; a full refetch once a minute also catches anything a dropped stream missed.
  setInterval(fetchDashboard, 60000);
  fetchDashboard();
  connectStream();
})();
