using Dispatch.Contracts.Calls;
using Dispatch.Contracts.Realtime;

namespace Dispatch.Silo.Calls;

public sealed partial class CallGrain
{
    /// <summary>
    /// One one-way observer call per gateway: the devices it holds, and the media node's duty when asked. Ringing is
    /// ephemeral (a lost signal is recovered by the ring timeout); the record is what lasts.
    /// </summary>
    private void Send(CallSignalKind kind, CallRecord record, IEnumerable<DeviceSession> devices, bool mediaDuty)
    {
        var byGateway = devices.Where(d => d.Gateway is not null)
            .GroupBy(d => d.GatewayId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Observer: g.First().Gateway!, Connections: g.Select(d => d.ConnectionId).ToArray()), StringComparer.Ordinal);
        if (mediaDuty && _mediaGatewayId is not null && _mediaGateway is not null && !byGateway.ContainsKey(_mediaGatewayId))
        {
            byGateway[_mediaGatewayId] = (_mediaGateway, []);
        }
        foreach (var (gatewayId, (observer, connections)) in byGateway)
        {
            var duty = mediaDuty && gatewayId == _mediaGatewayId;
            _ = observer.CallSignals([new CallSignal(kind, record, connections, duty)]);
        }
    }
}
