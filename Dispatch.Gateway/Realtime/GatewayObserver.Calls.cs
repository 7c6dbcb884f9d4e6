using Dispatch.Contracts.Calls;
using Dispatch.Gateway.Calls;
using Microsoft.AspNetCore.SignalR;

namespace Dispatch.Gateway.Realtime;

internal sealed partial class GatewayObserver
{
    /// <summary>A signal that asks this node's media for work (close legs, stop the phones); see <see cref="CallNode"/>.</summary>
    public event Action<CallSignal>? CallMediaDuty;

    public Task CallSignals(IReadOnlyList<CallSignal> signals)
    {
        foreach (var signal in signals)
        {
            var view = CallView.From(signal.Call);
            var name = CallEvents.Of(signal.Kind);
            foreach (var connectionId in signal.ConnectionIds)
            {
                Observe(hub.Clients.Client(connectionId).SendAsync(name, view), signal.Call.Id);
            }
            if (signal.MediaDuty)
            {
                CallMediaDuty?.Invoke(signal);
            }
        }
        return Task.CompletedTask;
    }
}
