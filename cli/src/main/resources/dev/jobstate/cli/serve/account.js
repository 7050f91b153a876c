'use strict';
// One account's days, activity by activity, polled as the farm page is; with a token, each
// activity can be marked or unmarked, a day reset and the account released, as the commands do.
(() => {
  const $ = (id) => document.getElementById(id);
  const el = jobstate.el;
  const url = new URLSearchParams(location.search);
  const account = url.get('name') || '';
  let days = Number(url.get('days')) || 7;
  let tag = null;
  let actions = false;
  let poller = null;
  const STATES = {
    done: 'done', failed: 'failed', gaveup: 'given up', started: 'started, no outcome',
    todo: 'to do', notstarted: 'not started',
  };

  document.title = 'jobstate · ' + account;
  $('account').textContent = account;
  $('f-days').value = String(days);

  function duration(ms) {
    if (ms === null || ms === undefined) return '';
    if (ms < 1000) return ms + ' ms';
    if (ms < 60000) return (ms / 1000).toFixed(1) + ' s';
    return (ms / 60000).toFixed(1) + ' min';
  }

  function size(bytes) {
    if (bytes === null || bytes === undefined) return '';
    if (bytes < 1024) return bytes + ' B';
    return (bytes / 1024).toFixed(1) + ' KiB';
  }

  function message(text, bad) {
    const node = $('message');
    node.hidden = !text;
    node.textContent = text || '';
    node.classList.toggle('bad', Boolean(bad));
  }

  async function refresh() {
    if (!account) {
      jobstate.problem('No account named: open this page from the farm page.');
      return;
    }
    const asked = days;
    let data;
    try {
      data = await jobstate.getJson('/api/account?name=' + encodeURIComponent(account) + '&days=' + days
          + (tag ? '&since=' + encodeURIComponent(tag) : ''));
    } catch (e) {
      jobstate.live(null, e.message);
      return;
    }
    if (asked !== days) {
      tag = null;
      return;
    }
    jobstate.live(data.checkedAt, data.problem);
    if (data.unchanged) return;
    tag = data.tag;
    jobstate.problem(data.problem ? 'The farm cannot be read right now: ' + data.problem : null);
    render(data);
  }

  function render(data) {
    $('today').textContent = 'today is ' + data.today;
    quarantine(data.quarantine);
    const sections = data.dayList.map((day) => section(day, data.today));
    $('days').replaceChildren(...sections);
    const empty = $('empty');
    empty.hidden = sections.length > 0;
    empty.textContent = 'No days for this account in the last ' + data.days + (data.days === 1 ? ' day.' : ' days.');
  }

  function quarantine(q) {
    const box = $('quarantine');
    box.hidden = !(q && q.quarantined);
    if (box.hidden) return;
    $('quarantine-text').textContent = 'In quarantine: ' + q.failures + ' failures today (the limit is ' + q.limit
        + '); nothing of this account runs until tomorrow or a release.';
    $('release').hidden = !actions;
  }

  function section(day, today) {
    const head = el('h2', {}, el('span', { text: day.date + (day.today ? ' (today)' : '') }),
        el('span', { text: day.type }),
        el('span', { class: 'sub', text: day.lastUpdate ? 'updated ' + day.lastUpdate : '' }),
        el('span', { class: 'sub', text: day.resetAt ? 'reset at ' + day.resetAt : '' }));
    if (actions && day.date === today) {
      head.append(el('button', { type: 'button', class: 'action danger', 'data-action': 'reset',
        'data-type': day.type, 'data-date': day.date, text: 'Reset day' }));
    }
    const box = el('section', { class: 'day', 'data-date': day.date, 'data-type': day.type }, head);
    if (day.problem) {
      box.append(el('p', { class: 'problem', text: 'Unreadable: ' + day.problem }));
      return box;
    }
    const rows = day.activities.map((a) => activity(a, day));
    box.append(el('table', { class: 'grid' },
        el('thead', {}, el('tr', {}, ...[['Activity'], ['State'], ['Attempts', 'num'], ['Duration', 'num'],
          ['Last error'], ['Result', 'num'], ['Last start'], ['']].map(([h, c]) => el('th', { text: h, class: c })))),
        el('tbody', {}, ...rows)));
    return box;
  }

  function activity(a, day) {
    const tr = el('tr', { 'data-id': a.id, 'data-date': day.date, 'data-type': day.type, 'data-state': a.state });
    const error = a.error ? a.error + ' (' + a.errorAt + (a.failedAttempts ? ', ' + a.failedAttempts + ' failed'
        + (a.maxAttempts ? ' of ' + a.maxAttempts : '') : '') + ')' : '';
    const buttons = el('td', { class: 'actions' });
    if (actions) {
      if (a.state !== 'done') buttons.append(button('mark', a, day, 'Mark done'));
      if (a.state === 'done' || a.state === 'failed' || a.state === 'gaveup' || a.state === 'started') {
        buttons.append(' ', button('unmark', a, day, 'Unmark'));
      }
    }
    tr.append(el('td', { class: 'id', text: a.id }),
        el('td', { class: 'state' }, el('span', { class: 'pill ' + a.state, text: STATES[a.state] || a.state })),
        el('td', { class: 'num attempts', text: a.attempts || '' }),
        el('td', { class: 'num', text: duration(a.durationMs) }),
        el('td', { class: 'err', text: error }),
        el('td', { class: 'num', text: size(a.resultBytes) }),
        el('td', { text: a.started || '' }),
        buttons);
    return tr;
  }

  function button(action, a, day, label) {
    return el('button', { type: 'button', class: 'action ' + action, 'data-action': action, 'data-id': a.id,
      'data-type': day.type, 'data-date': day.date, text: label });
  }

  async function act(action, body, question) {
    if (question && !window.confirm(question)) return;
    message('…');
    try {
      message(await jobstate.change(action, body));
    } catch (e) {
      message(e.message, true);
    }
    tag = null;
    poller.now();
  }

  $('days').addEventListener('click', (e) => {
    const target = e.target.closest('button[data-action]');
    if (!target) return;
    const d = target.dataset;
    const body = { account, type: d.type, date: d.date };
    if (d.action === 'reset') {
      act('reset', body, 'Reset ' + d.type + ' of ' + account + ' on ' + d.date + '? Its day file goes to the backup'
          + ' folder and the day starts afresh: the bot runs all of it again.');
    } else {
      body.id = d.id;
      act(d.action, body);
    }
  });
  $('release').addEventListener('click', () => act('release', { account }));
  $('f-days').addEventListener('change', () => {
    days = Number($('f-days').value);
    const q = new URLSearchParams({ name: account });
    if (days !== 7) q.set('days', String(days));
    history.replaceState(null, '', '/account?' + q.toString());
    tag = null;
    poller.now();
  });

  jobstate.header().then((info) => {
    actions = info.actions;
    $('read-only').hidden = actions;
    tag = null;
    if (poller) poller.now();
  }).catch((e) => jobstate.problem('The dashboard does not answer: ' + e.message));
  poller = jobstate.poll(refresh, 750);
})();
