using Dispatch.Contracts.Realtime;

namespace Dispatch.Gateway.Realtime;

/// <summary>A hub connection that is a worker's device.</summary>
internal sealed record ConnectedDevice(string WorkerId, string DeviceId, DeviceKind Kind, string ConnectionId);
