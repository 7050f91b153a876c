'use strict';
// The farm today: one page of rows at a time, filtered and sorted by the server, polled about
// every second; the server answers "unchanged" while nothing changed.
(() => {
  const $ = (id) => document.getElementById(id);
  const el = jobstate.el;
  const SIZE = 100;
  const url = new URLSearchParams(location.search);
  const state = {
    account: url.get('account') || '',
    type: url.get('type') || '',
    show: url.get('show') || 'all',
    sort: url.get('sort') || 'worst',
    page: Math.max(0, Number(url.get('page')) || 0),
  };
  let tag = null;
  let shown = new Map(); // row key -> what it showed, to mark the rows that just changed
  let poller = null;

  function query() {
    const q = new URLSearchParams();
    if (state.account) q.set('account', state.account);
    if (state.type) q.set('type', state.type);
    if (state.show !== 'all') q.set('show', state.show);
    if (state.sort !== 'worst') q.set('sort', state.sort);
    if (state.page > 0) q.set('page', String(state.page));
    return q.toString();
  }

  function changed() {
    tag = null;
    const q = query();
    history.replaceState(null, '', q ? '/?' + q : '/');
    if (poller) poller.now();
  }

  async function refresh() {
    const asked = query();
    let data;
    try {
      data = await jobstate.getJson('/api/farm?' + asked + (asked ? '&' : '') + 'size=' + SIZE
          + (tag ? '&since=' + encodeURIComponent(tag) : ''));
    } catch (e) {
      jobstate.live(null, 'the dashboard does not answer (' + e.message + ')');
      return;
    }
    if (asked !== query()) {
      tag = null; // the filters changed while this was on its way
      return;
    }
    jobstate.live(data.checkedAt, data.problem);
    if (data.unchanged) return;
    tag = data.tag;
    jobstate.problem(data.problem ? 'The farm cannot be read right now: ' + data.problem
        + (data.date ? ' (showing what was last read)' : '') : null);
    if (data.loading) {
      $('empty').hidden = false;
      $('empty').textContent = 'Reading the farm…';
      return;
    }
    if (!data.date) return;
    render(data);
  }

  function render(data) {
    $('date').textContent = data.date;
    $('own-days').hidden = !data.ownDays;
    cards(data.totals);
    types(data.types);
    const body = $('rows');
    const next = new Map();
    const rows = data.rows.map((row) => {
      const key = row.account + '\u0000' + row.type;
      const signature = JSON.stringify(row);
      next.set(key, signature);
      const tr = line(row);
      if (shown.size > 0 && shown.get(key) !== signature) tr.classList.add('fresh');
      return tr;
    });
    shown = next;
    body.replaceChildren(...rows);
    const empty = $('empty');
    empty.hidden = data.rows.length > 0;
    empty.textContent = data.totals.rows === 0 ? 'No state files for today yet.' : 'No row matches.';
    const first = data.page * data.size;
    $('range').textContent = data.matching === 0 ? '' : 'rows ' + jobstate.number(first + 1) + '–'
        + jobstate.number(first + data.rows.length) + ' of ' + jobstate.number(data.matching);
    $('prev').disabled = data.page === 0;
    $('next').disabled = first + data.rows.length >= data.matching;
    // When the first rows stood on the page, in ms since the navigation began: what bench/dashboard.sh times.
    if (!document.body.dataset.firstRender) document.body.dataset.firstRender = String(Math.round(performance.now()));
  }

  function line(row) {
    const tr = el('tr', { 'data-account': row.account, 'data-type': row.type });
    const link = el('a', { href: '/account?name=' + encodeURIComponent(row.account), text: row.account });
    tr.append(el('td', { class: 'account' }, link), el('td', { class: 'type', text: row.type }));
    if (row.problem) {
      tr.append(el('td', { class: 'err', colspan: 9, text: 'unreadable: ' + row.problem }));
      return tr;
    }
    tr.append(
      el('td', { class: 'num done', text: row.completed + '/' + row.known }),
      el('td', { class: 'rate' }, jobstate.bar(row.rate), jobstate.percent(row.rate)),
      el('td', { class: 'num notstarted', text: row.notStarted || '' }),
      el('td', { class: 'num failed', text: row.failed ? row.failed + (row.gaveUp ? ' (' + row.gaveUp + ' given up)' : '') : '' }),
      el('td', { class: 'num indoubt', text: row.inDoubt || '' }),
      el('td', { class: 'num interrupted', text: row.interrupted || '' }),
      el('td', { class: 'quarantine' }, row.quarantined === null ? ''
          : el('span', { class: 'pill quarantined', text: row.quarantined + ' failures' })),
      el('td', { class: 'updated', text: row.lastUpdate || '' }),
      el('td', { class: 'err', text: row.lastErrorShort || '', title: row.lastError }));
    return tr;
  }

  function cards(t) {
    const card = (value, label, kind) => el('div', { class: 'card' + (kind ? ' ' + kind : '') },
        el('b', { text: value }), el('span', { text: label }));
    const list = [
      card(jobstate.number(t.accounts), 'accounts'),
      card(jobstate.number(t.accountsDone), 'accounts done'),
      card(jobstate.percent(t.rate), jobstate.number(t.completed) + ' of ' + jobstate.number(t.known) + ' done'),
      card(jobstate.number(t.failed), t.gaveUp ? 'failed, ' + jobstate.number(t.gaveUp) + ' given up' : 'failed', t.failed ? 'bad' : ''),
      card(jobstate.number(t.notStarted), 'not started'),
      card(jobstate.number(t.inDoubt), 'in doubt', t.inDoubt ? 'warn' : ''),
      card(jobstate.number(t.interrupted), 'interrupted', t.interrupted ? 'warn' : ''),
      card(jobstate.number(t.quarantined), 'quarantined', t.quarantined ? 'bad' : ''),
    ];
    if (t.unreadable) list.push(card(jobstate.number(t.unreadable), 'unreadable', 'bad'));
    $('cards').replaceChildren(...list);
  }

  function types(names) {
    const select = $('f-type');
    const have = Array.from(select.options).slice(1).map((o) => o.value);
    const wanted = names.includes(state.type) || !state.type ? names : names.concat([state.type]);
    if (have.join('\u0000') === wanted.join('\u0000')) return;
    select.replaceChildren(el('option', { value: '', text: 'all types' }),
        ...wanted.map((name) => el('option', { value: name, text: name })));
    select.value = state.type;
  }

  function wire() {
    const account = $('f-account');
    account.value = state.account;
    $('f-show').value = state.show;
    $('f-sort').value = state.sort;
    let typing = null;
    account.addEventListener('input', () => {
      clearTimeout(typing);
      typing = setTimeout(() => {
        state.account = account.value.trim();
        state.page = 0;
        changed();
      }, 250);
    });
    for (const [id, field] of [['f-type', 'type'], ['f-show', 'show'], ['f-sort', 'sort']]) {
      $(id).addEventListener('change', () => {
        state[field] = $(id).value;
        state.page = 0;
        changed();
      });
    }
    $('filters').addEventListener('submit', (e) => e.preventDefault());
    $('prev').addEventListener('click', () => { state.page = Math.max(0, state.page - 1); changed(); });
    $('next').addEventListener('click', () => { state.page += 1; changed(); });
  }

  wire();
  jobstate.header().catch((e) => jobstate.problem('The dashboard does not answer: ' + e.message));
  poller = jobstate.poll(refresh, 750);
})();
