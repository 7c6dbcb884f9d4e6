// "Test camera and microphone": sends this device's camera and microphone to the server's echo endpoint
// (hub method EchoOffer, docs/protocol.md and docs/media-echo.md) and shows what comes back.
// The hub is spoken directly: SignalR's JSON protocol over a WebSocket, records ending in 0x1E.
const echoTest = { pc: null, stream: null, state: 'idle', error: null };
window.echoTest = echoTest;

function hubInvoke(target, args) {
  return new Promise((resolve, reject) => {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const device = 'echo-' + Math.random().toString(36).slice(2, 10);
    const ws = new WebSocket(`${scheme}://${location.host}/hubs/dispatch?device=${device}&kind=web&access_token=${encodeURIComponent(token)}`);
    let handshaken = false;
    ws.onopen = () => ws.send(JSON.stringify({ protocol: 'json', version: 1 }) + '\x1e');
    ws.onerror = () => reject(new Error('hub connection failed'));
    ws.onmessage = event => {
      for (const record of String(event.data).split('\x1e').filter(r => r)) {
        const message = JSON.parse(record);
        if (!handshaken) {
          if (message.error) { reject(new Error(message.error)); ws.close(); return; }
          handshaken = true;
          ws.send(JSON.stringify({ type: 1, invocationId: '1', target, arguments: args }) + '\x1e');
        } else if (message.type === 3 && message.invocationId === '1') {
          ws.close();
          if (message.error) reject(new Error(message.error)); else resolve(message.result);
        }
      }
    };
  });
}

async function startEchoTest() {
  stopEchoTest();
  $('echo').hidden = false;
  $('echoStatus').textContent = t('echoConnecting');
  echoTest.state = 'connecting';
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    echoTest.stream = stream;
    $('echoMine').srcObject = stream;
    const pc = new RTCPeerConnection();
    echoTest.pc = pc;
    stream.getTracks().forEach(track => pc.addTrack(track, stream));
    pc.ontrack = event => { $('echoBack').srcObject = event.streams[0] || new MediaStream([event.track]); };
    await pc.setLocalDescription(await pc.createOffer());
    const answer = await hubInvoke('EchoOffer', [pc.localDescription.sdp]);
    await pc.setRemoteDescription({ type: 'answer', sdp: answer });
    // Done when both a decoded picture and audio packets have come back.
    for (let i = 0; i < 60 && echoTest.pc === pc; i++) {
      let frames = 0, audio = 0;
      (await pc.getStats()).forEach(s => {
        if (s.type === 'inbound-rtp' && s.kind === 'video') frames += s.framesDecoded || 0;
        if (s.type === 'inbound-rtp' && s.kind === 'audio') audio += s.packetsReceived || 0;
      });
      if (frames > 0 && audio > 0) { echoTest.state = 'ok'; $('echoStatus').textContent = t('echoOk'); return; }
      await new Promise(r => setTimeout(r, 500));
    }
    throw new Error(pc.connectionState);
  } catch (e) {
    echoTest.state = 'failed'; echoTest.error = e.message;
    $('echoStatus').textContent = t('echoFailed')(e.message);
  }
}

function stopEchoTest() {
  if (echoTest.pc) echoTest.pc.close();
  if (echoTest.stream) echoTest.stream.getTracks().forEach(track => track.stop());
  echoTest.pc = null; echoTest.stream = null; echoTest.state = 'idle';
  $('echo').hidden = true;
}

$('echoTest').onclick = startEchoTest;
$('echoStop').onclick = stopEchoTest;
