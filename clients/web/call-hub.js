// The hub spoken directly (docs/protocol.md): SignalR's JSON protocol over one WebSocket, records ending in 0x1E,
// kept open so that call events (callRinging, callAnswered, callAnsweredElsewhere, callEnded) arrive.
function openHub(token, deviceId, onEvent) {
  return new Promise((resolve, reject) => {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(`${scheme}://${location.host}/hubs/dispatch?device=${encodeURIComponent(deviceId)}&kind=web&access_token=${encodeURIComponent(token)}`);
    const pending = new Map();
    let next = 1, handshaken = false, ping = null;
    const hub = {
      invoke(target, ...args) {
        const invocationId = String(next++);
        return new Promise((ok, fail) => {
          pending.set(invocationId, { ok, fail });
          ws.send(JSON.stringify({ type: 1, invocationId, target, arguments: args }) + '\x1e');
        });
      },
      close() { clearInterval(ping); ws.close(); },
    };
    ws.onopen = () => ws.send(JSON.stringify({ protocol: 'json', version: 1 }) + '\x1e');
    ws.onerror = () => reject(new Error('hub connection failed'));
    ws.onclose = () => { clearInterval(ping); for (const p of pending.values()) p.fail(new Error('hub connection closed')); pending.clear(); };
    ws.onmessage = event => {
      for (const record of String(event.data).split('\x1e').filter(r => r)) {
        const message = JSON.parse(record);
        if (!handshaken) {
          if (message.error) { reject(new Error(message.error)); ws.close(); return; }
          handshaken = true;
          // The server drops a client silent for 30 s: ping every 10 s.
          ping = setInterval(() => ws.send(JSON.stringify({ type: 6 }) + '\x1e'), 10000);
          resolve(hub);
        } else if (message.type === 1) {
          onEvent(message.target, ...(message.arguments || []));
        } else if (message.type === 3 && pending.has(message.invocationId)) {
          const { ok, fail } = pending.get(message.invocationId);
          pending.delete(message.invocationId);
          if (message.error) fail(new Error(message.error)); else ok(message.result);
        }
      }
    };
  });
}
