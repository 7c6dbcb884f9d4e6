// The dispatcher's side: find a worker, click 呼叫, see who rings (the worker, or the fallback), talk, hang up.
async function findWorkers(event) {
  event.preventDefault();
  const code = $('unitCode').value.trim();
  const result = await api(`/api/units/${encodeURIComponent(code)}/workers`);
  const filter = $('workerFilter').value.trim();
  const workers = result.workers.filter(w => !filter || w.name.includes(filter) || w.phone.includes(filter)).slice(0, 50);
  $('found').textContent = t('found')(workers.length);
  $('workerList').replaceChildren(...workers.map(w => {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button'; button.textContent = t('call'); button.dataset.testid = `call-${w.workerId}`;
    button.onclick = () => call(w.workerId);
    li.append(`${w.name} ${w.phone} `, button);
    return li;
  }));
}

async function call(workerId) {
  dispatchCall.callId = null; dispatchCall.outcome = null; dispatchCall.reason = null;
  $('callReason').textContent = '';
  setState('connecting', t('connecting'));
  try {
    const offer = await makeOffer();
    const started = await hub.invoke('StartCall', workerId, offer);
    dispatchCall.callId = started.callId; dispatchCall.call = started.call;
    await dispatchCall.pc.setRemoteDescription({ type: 'answer', sdp: started.sdpAnswer });
    if (started.call.state === 'ended') showEnded(started.call);
    else if (dispatchCall.state === 'connecting') setState('ringing', t('ringing')(started.call));
  } catch (e) {
    endMedia();
    setState('ended', t('failed')(e.message));
  }
}

window.onCall = (name, call) => {
  if (call.callId !== dispatchCall.callId && dispatchCall.callId !== null) return;
  dispatchCall.call = call;
  if (name === 'callAnswered') setState('connected', t('connected')(call));
  if (name === 'callEnded') showEnded(call);
};

window.onConnected = async () => {
  const roots = await api('/api/units');
  if (roots.length && !$('unitCode').value) $('unitCode').value = roots[0].code;
};

$('search').onsubmit = event => findWorkers(event).catch(e => { $('found').textContent = t('failed')(e.message); });
$('byId').onsubmit = event => { event.preventDefault(); call($('calleeId').value.trim()); };
