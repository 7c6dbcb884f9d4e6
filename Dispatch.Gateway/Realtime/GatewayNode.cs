using Dispatch.Contracts.Realtime;

namespace Dispatch.Gateway.Realtime;

/// <summary>
/// This gateway process as the grains know it: an id and the one observer reference they call.
/// The reference is created once, on first use, and lives as long as the process.
/// </summary>
internal sealed class GatewayNode(IGrainFactory grains, GatewayObserver observer)
{
    private readonly Lazy<IGatewayObserver> _reference = new(() => grains.CreateObjectReference<IGatewayObserver>(observer));

    public string Id { get; } = Guid.NewGuid().ToString("N");

    public IGatewayObserver Observer => _reference.Value;

    /// <summary>A courtesy at shutdown: the runtime may already have let go of the reference, which is fine.</summary>
    public void Release()
    {
        if (!_reference.IsValueCreated)
        {
            return;
        }
        try
        {
            grains.DeleteObjectReference<IGatewayObserver>(_reference.Value);
        }
        catch (ArgumentException)
        {
            // "Reference is not associated with a local object": the co-hosted silo stopped first.
        }
    }
}
