// A minimal dispatcher console over the REST API (docs/protocol.md): log in, walk the tree,
// find people below a unit. Requests that fail for network reasons are retried with backoff.
let token = sessionStorage.getItem('dispatch.token');
let roots = [];          // where this login may start browsing (GET /api/units)
let current = null;      // the unit on screen
let lastSearch = null;   // the last "find people below" query, re-run when the language changes
let me = JSON.parse(sessionStorage.getItem('dispatch.me') || 'null');
const $ = id => document.getElementById(id);

async function api(path, options = {}, attempt = 0) {
  try {
    const response = await fetch(path, { ...options, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });
    $('status').textContent = '';
    if (response.status === 401) { logout(); throw new Error('unauthorized'); }
    const body = await response.json();
    if (!response.ok) throw new Error(body.detail || body.title);
    return body;
  } catch (e) {
    if (e instanceof TypeError && attempt < 6) { // network down: back off and retry
      $('status').textContent = t('offline');
      await new Promise(r => setTimeout(r, 500 * 2 ** attempt));
      return api(path, options, attempt + 1);
    }
    throw e;
  }
}

async function login(event) {
  event.preventDefault();
  const form = new FormData(event.target);
  const response = await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: form.get('login'), password: form.get('password') }) });
  if (!response.ok) { $('loginError').textContent = t('loginFailed'); return; }
  const body = await response.json();
  token = body.accessToken; me = body;
  sessionStorage.setItem('dispatch.token', token); sessionStorage.setItem('dispatch.me', JSON.stringify(me));
  start();
}

function logout() {
  sessionStorage.clear(); token = null; me = null;
  $('console').hidden = true; $('login').hidden = false; $('logout').hidden = true; $('echoTest').hidden = true; $('who').textContent = '';
}

async function showUnit(code) {
  current = code; lastSearch = null;
  const unit = await api(`/api/units/${encodeURIComponent(code)}`);
  $('unitName').textContent = lang === 'en' ? `${unit.name} (${t('levels')[unit.level]})` : `${unit.name}（${t('levels')[unit.level]}）`;
  // Crumbs start at the login's own scope: units above it would only answer 403.
  const from = unit.path.findIndex(c => roots.includes(c));
  $('crumbs').replaceChildren(...(from < 0 ? [] : unit.path.slice(from)).map(c => link(c, c)));
  $('children').replaceChildren(...unit.children.map(c => { const li = document.createElement('li'); li.append(link(c.code, c.name)); return li; }));
  $('workers').replaceChildren(...unit.members.map(row));
  $('filter').dataset.code = code;
  const counts = await api(`/api/units/${encodeURIComponent(code)}/counts`);
  $('counts').textContent = t('counts')(counts);
}

function link(code, text) {
  const a = document.createElement('a'); a.href = '#'; a.textContent = text;
  a.onclick = e => { e.preventDefault(); showUnit(code).catch(err => { $('status').textContent = err.message; }); };
  return a;
}

function row(w) {
  const tr = document.createElement('tr');
  const role = w.role ?? (w.assignments || []).map(a => a.role).join(',');
  for (const v of [w.name, w.phone, role.split(',').map(r => t('roles')[r] || r).join('、'), w.onDuty ? t('yes') : t('no')]) {
    const td = document.createElement('td'); td.textContent = v; tr.append(td);
  }
  return tr;
}

async function search(event) {
  event.preventDefault();
  const form = new FormData(event.target);
  const query = new URLSearchParams();
  if (form.get('role')) query.append('role', form.get('role'));
  if (form.get('onDuty')) query.append('onDuty', 'true');
  lastSearch = `/api/units/${encodeURIComponent(event.target.dataset.code)}/workers?${query}`;
  await runSearch();
}

async function runSearch() {
  $('status').textContent = t('loading');
  const result = await api(lastSearch);
  $('status').textContent = t('found')(result.count);
  $('workers').replaceChildren(...result.workers.map(row));
}

// Switching language re-renders what is on screen, not only the fixed labels.
async function relabel() {
  toggleLang();
  fillRoles();
  if (!current) return;
  const search = lastSearch;
  await showUnit(current);
  if (search) { lastSearch = search; await runSearch(); }
}

function fillRoles() {
  const select = document.querySelector('#filter select');
  const chosen = select.value;
  select.replaceChildren(new Option(t('allRoles'), ''), ...Object.keys(TEXT.en.roles).map(r => new Option(t('roles')[r], r)));
  select.value = chosen;
}

function start() {
  $('login').hidden = true; $('console').hidden = false; $('logout').hidden = false; $('echoTest').hidden = false;
  $('who').textContent = `${me.role} · ${me.workerId || ''}`;
  fillRoles();
  api('/api/units').then(list => { roots = list.map(u => u.code); if (roots.length) showUnit(roots[0]); });
}

$('login').onsubmit = login;
$('filter').onsubmit = search;
$('logout').onclick = logout;
$('lang').onclick = () => relabel().catch(err => { $('status').textContent = err.message; });
applyText();
if (token) start();
