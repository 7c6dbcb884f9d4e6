// The worker's side: a call rings here (and on the worker's other devices and phones); 接听 answers with this
// device's own offer, 拒绝 declines; a call answered elsewhere stops ringing here.
window.onCall = (name, call) => {
  if (name === 'callRinging') {
    if (dispatchCall.state === 'connected' || dispatchCall.state === 'connecting') return; // busy here
    dispatchCall.callId = call.callId; dispatchCall.call = call; dispatchCall.outcome = null; dispatchCall.reason = null;
    $('callReason').textContent = '';
    $('incomingCaller').textContent = t('incoming')(call.caller.name);
    $('incoming').hidden = false;
    setState('ringing', t('incoming')(call.caller.name));
    return;
  }
  if (call.callId !== dispatchCall.callId) return;
  dispatchCall.call = call;
  if (name === 'callAnsweredElsewhere') {
    $('incoming').hidden = true;
    dispatchCall.outcome = 'answered_elsewhere';
    setState('ended', t('elsewhere')(call.answeredDevice));
  }
  if (name === 'callEnded') {
    $('incoming').hidden = true;
    showEnded(call);
  }
};

async function answer() {
  $('incoming').hidden = true;
  setState('connecting', t('connecting'));
  try {
    const offer = await makeOffer();
    const sdp = await hub.invoke('AnswerCall', dispatchCall.callId, offer);
    await dispatchCall.pc.setRemoteDescription({ type: 'answer', sdp });
    if (dispatchCall.state === 'connecting') setState('connected', t('connected')(dispatchCall.call));
  } catch (e) {
    endMedia();
    setState('ended', t('failed')(e.message));
  }
}

async function decline() {
  $('incoming').hidden = true;
  try { await hub.invoke('DeclineCall', dispatchCall.callId); } catch (e) { $('callReason').textContent = t('failed')(e.message); }
}

$('answer').onclick = answer;
$('decline').onclick = decline;
