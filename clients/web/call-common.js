// What both call pages share: login, the hub, the camera and microphone, and the RTCPeerConnection.
// The server is the answerer: this page always sends the offer, after ICE gathering completed (no trickle).
// window.dispatchCall exposes the call to tests: pc (getStats), callId, state (idle|ringing|connected|ended), outcome, reason.
const $ = id => document.getElementById(id);
const dispatchCall = { pc: null, stream: null, callId: null, state: 'idle', outcome: null, reason: null, call: null };
window.dispatchCall = dispatchCall;
let token = sessionStorage.getItem('dispatch.token');
let me = JSON.parse(sessionStorage.getItem('dispatch.me') || 'null');
let hub = null;
const deviceId = sessionStorage.getItem('dispatch.device') || ('web-' + Math.random().toString(36).slice(2, 10));
sessionStorage.setItem('dispatch.device', deviceId);

async function login(event) {
  event.preventDefault();
  const form = new FormData(event.target);
  const response = await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: form.get('login'), password: form.get('password') }) });
  if (!response.ok) { $('loginError').textContent = t('loginFailed'); return; }
  me = await response.json(); token = me.accessToken;
  sessionStorage.setItem('dispatch.token', token); sessionStorage.setItem('dispatch.me', JSON.stringify(me));
  await connect();
}

function logout() {
  if (hub) hub.close();
  endMedia();
  sessionStorage.removeItem('dispatch.token'); sessionStorage.removeItem('dispatch.me');
  location.reload();
}

async function connect() {
  hub = await openHub(token, deviceId, onCallEvent);
  $('login').hidden = true; $('page').hidden = false; $('logout').hidden = false;
  $('who').textContent = `${me.role} · ${me.workerId || ''}`;
  setState('idle');
  if (window.onConnected) await window.onConnected();
}

async function api(path) {
  const response = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
  const body = await response.json();
  if (!response.ok) throw new Error(body.detail || body.title);
  return body;
}

/** Camera and microphone, a new peer connection, and a complete offer (every candidate gathered). */
async function makeOffer() {
  endMedia();
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
  dispatchCall.stream = stream;
  $('localVideo').srcObject = stream;
  const pc = new RTCPeerConnection();
  dispatchCall.pc = pc;
  stream.getTracks().forEach(track => pc.addTrack(track, stream));
  pc.ontrack = event => { $('remoteVideo').srcObject = event.streams[0] || new MediaStream([event.track]); };
  watchIce(pc);
  await pc.setLocalDescription(await pc.createOffer());
  await gatheringComplete(pc);
  return pc.localDescription.sdp;
}

function endMedia() {
  if (dispatchCall.pc) dispatchCall.pc.close();
  if (dispatchCall.stream) dispatchCall.stream.getTracks().forEach(track => track.stop());
  dispatchCall.pc = null; dispatchCall.stream = null;
}

function setState(state, text) {
  dispatchCall.state = state;
  const status = $('callStatus');
  status.dataset.state = state;
  status.textContent = text || t(state === 'idle' && $('incoming') ? 'waiting' : 'idle');
  $('hangUp').hidden = !(state === 'ringing' || state === 'connected');
}

function showEnded(call) {
  dispatchCall.outcome = call.outcome; dispatchCall.reason = call.reason;
  // The server's reason is English words for logs; the page says it in its own language from the cause code.
  const cause = t('causes')[call.endCause];
  $('callReason').textContent = cause ? cause(call) : (call.reason || '');
  setState('ended', t('outcomes')[call.outcome] || call.outcome);
  endMedia();
}

async function hangUp() {
  if (!dispatchCall.callId) return;
  try { await hub.invoke('HangUp', dispatchCall.callId); } catch (e) { $('callReason').textContent = t('failed')(e.message); }
}

function onCallEvent(name, call) {
  if (window.onCall) window.onCall(name, call);
}

$('login').onsubmit = event => login(event).catch(e => { $('loginError').textContent = t('failed')(e.message); });
$('logout').onclick = logout;
$('hangUp').onclick = hangUp;
$('lang').onclick = toggleLang;
applyText();
if (token && me) connect().catch(() => logout());
