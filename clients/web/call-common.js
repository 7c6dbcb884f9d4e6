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
  prepareNext();
  if (window.onConnected) await window.onConnected();
}

async function api(path) {
  const response = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
  const body = await response.json();
  if (!response.ok) throw new Error(body.detail || body.title);
  return body;
}

// Set-up time (docs/benchmarks.md, "click to first remote video frame"): a peer connection with its complete offer is
// made ahead of the next call, while the page is idle, so a click (or 接听) sends it at once. The camera and the
// microphone open only when a call starts, in parallel with the signalling, and their tracks go onto the prepared
// transceivers (replaceTrack needs no new offer). A prepared connection is renewed every minute while unused.
const PREPARED_LIFETIME_MS = 60000;
let prepared = null;

/** A peer connection with an audio and a video transceiver and a complete offer (every candidate gathered). */
async function newConnection() {
  const pc = new RTCPeerConnection();
  const audio = pc.addTransceiver('audio', { direction: 'sendrecv' });
  const video = pc.addTransceiver('video', { direction: 'sendrecv' });
  pc.ontrack = event => { $('remoteVideo').srcObject = event.streams[0] || new MediaStream([event.track]); };
  watchIce(pc);
  await pc.setLocalDescription(await pc.createOffer());
  await gatheringComplete(pc);
  return { pc, audio, video, sdp: pc.localDescription.sdp, at: Date.now() };
}

/** Makes the next call's connection now (and again each minute until a call takes it). */
function prepareNext() {
  const mine = newConnection().catch(() => null);
  prepared = mine;
  setTimeout(async () => {
    if (prepared !== mine) return;
    const stale = await mine;
    prepareNext();
    if (stale) stale.pc.close();
  }, PREPARED_LIFETIME_MS);
}

async function takePrepared() {
  const ready = prepared ? await prepared : null;
  prepared = null;
  return ready || newConnection();
}

/** The offer for a call: the prepared connection's; camera and microphone are attached as soon as they open. */
async function makeOffer() {
  endMedia();
  const ready = await takePrepared();
  dispatchCall.pc = ready.pc;
  dispatchCall.media = attachMedia(ready);
  return ready.sdp;
}

async function attachMedia(ready) {
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    if (dispatchCall.pc !== ready.pc) { stream.getTracks().forEach(track => track.stop()); return; }
    dispatchCall.stream = stream;
    $('localVideo').srcObject = stream;
    await ready.audio.sender.replaceTrack(stream.getAudioTracks()[0] || null);
    await ready.video.sender.replaceTrack(stream.getVideoTracks()[0] || null);
  } catch (e) {
    $('callReason').textContent = t('failed')(e.message);
  }
}

function endMedia() {
  const hadCall = dispatchCall.pc !== null;
  if (dispatchCall.pc) dispatchCall.pc.close();
  if (dispatchCall.stream) dispatchCall.stream.getTracks().forEach(track => track.stop());
  dispatchCall.pc = null; dispatchCall.stream = null;
  if (hadCall && hub) prepareNext();
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
