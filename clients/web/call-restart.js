// ICE restart (RFC 8445 §9) when the path to the media node fails. A short outage needs nothing: the node keeps
// the leg while consent checks are missing for up to 30 s (RFC 7675) and Chrome resumes by itself. When Chrome
// declares the connection 'failed' (the old path is gone, e.g. the laptop changed networks), we send a new offer
// with new ICE credentials through RenegotiateCall; DTLS, SRTP and the streams stay as they are.
function watchIce(pc) {
  let restarting = false;
  pc.addEventListener('iceconnectionstatechange', async () => {
    if (pc.iceConnectionState !== 'failed' || restarting || !dispatchCall.callId || dispatchCall.pc !== pc) return;
    restarting = true;
    dispatchCall.iceRestarts = (dispatchCall.iceRestarts || 0) + 1;
    try {
      await pc.setLocalDescription(await pc.createOffer({ iceRestart: true }));
      await gatheringComplete(pc);
      const answer = await hub.invoke('RenegotiateCall', dispatchCall.callId, pc.localDescription.sdp);
      await pc.setRemoteDescription({ type: 'answer', sdp: answer });
    } catch (e) {
      console.warn('ICE restart failed', e);
    } finally {
      restarting = false;
    }
  });
}

/** Waits until every candidate is gathered (the node is ICE-lite and takes no trickled candidates), at most 5 s. */
function gatheringComplete(pc) {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise(done => {
    pc.addEventListener('icegatheringstatechange', () => { if (pc.iceGatheringState === 'complete') done(); });
    setTimeout(done, 5000); // what was gathered by then is enough on a LAN
  });
}
