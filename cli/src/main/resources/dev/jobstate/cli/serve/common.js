'use strict';
// What every page of the dashboard shares. Data from the farm only ever reaches the page as text
// (textContent and attribute values, never parsed as markup), so an account named <script> stays a name.
const jobstate = (() => {
  const TOKEN_KEY = 'jobstate-token';

  /** An element with text and attributes; children are elements or strings (shown as text). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'text') node.textContent = String(value);
      else if (name === 'class') node.className = value;
      else if (name.startsWith('data-')) node.dataset[name.slice(5).replace(/-([a-z])/g, (m, c) => c.toUpperCase())] = String(value);
      else node.setAttribute(name, String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function number(n) {
    return Number(n).toLocaleString('en');
  }

  function percent(rate) {
    return (rate * 100).toFixed(1) + '%';
  }

  /** A bar whose width says the rate; set through the CSS object model, which the page's policy allows. */
  function bar(rate) {
    const inner = el('span');
    inner.style.width = Math.max(0, Math.min(100, rate * 100)).toFixed(1) + '%';
    return el('span', { class: 'bar' + (rate < 0.5 ? ' low' : rate < 0.9 ? ' mid' : '') }, inner);
  }

  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      throw new Error('the dashboard answered ' + response.status + ' without JSON');
    }
    if (!response.ok) throw new Error(body && body.error ? body.error : 'error ' + response.status);
    return body;
  }

  function token() {
    return sessionStorage.getItem(TOKEN_KEY) || '';
  }

  /** A change: POST, JSON, the token in its header, never in the URL. */
  async function change(action, body) {
    const response = await fetch('/api/' + action, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Jobstate-Token': token() },
      body: JSON.stringify(body),
      cache: 'no-store',
    });
    let answer = null;
    try {
      answer = await response.json();
    } catch (e) {
      throw new Error('the dashboard answered ' + response.status);
    }
    if (!response.ok) throw new Error(answer.error || 'error ' + response.status);
    return answer.message;
  }

  /** The header: where the farm is, and the token field when changes are on. Resolves to the info. */
  async function header() {
    const info = await getJson('/api/info');
    const where = document.getElementById('where');
    if (where) where.textContent = info.where;
    const box = document.getElementById('token-box');
    if (box && info.actions) {
      box.hidden = false;
      const input = document.getElementById('token');
      input.value = token();
      input.addEventListener('input', () => sessionStorage.setItem(TOKEN_KEY, input.value));
    }
    return info;
  }

  /** Shows what the last check said: live and when, or why not. */
  function live(checkedAt, problem) {
    const node = document.getElementById('live');
    if (!node) return;
    node.classList.toggle('stale', Boolean(problem));
    node.textContent = problem ? 'not live: ' + problem : 'live · checked ' + (checkedAt || '…');
  }

  function problem(text) {
    const node = document.getElementById('problem');
    if (!node) return;
    node.hidden = !text;
    node.textContent = text || '';
  }

  /** Calls fn again and again: every `every` ms while the tab is seen, every 5 s while it is not. */
  function poll(fn, every) {
    let timer = null;
    const round = async () => {
      timer = null;
      try {
        await fn();
      } finally {
        timer = setTimeout(round, document.hidden ? 5000 : every);
      }
    };
    document.addEventListener('visibilitychange', () => {
      if (!document.hidden && timer !== null) {
        clearTimeout(timer);
        round();
      }
    });
    round();
    return { now: () => { if (timer !== null) { clearTimeout(timer); round(); } } };
  }

  return { el, number, percent, bar, getJson, change, header, live, problem, poll, token };
})();
