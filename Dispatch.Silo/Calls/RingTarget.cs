using Dispatch.Contracts.Calls;
using Dispatch.Contracts.Realtime;

namespace Dispatch.Silo.Calls;

/// <summary>The worker a call rings (the callee or a fallback) and that worker's live devices.</summary>
internal sealed record RingTarget(CallParty Worker, CallFallback Fallback, IReadOnlyList<DeviceSession> Devices, string? SipUsername)
{
    public IEnumerable<DeviceSession> Reachable => Devices.Where(d => d.Kind == DeviceKind.Sip ? SipUsername is not null : d.Gateway is not null);
}
