using System.Globalization;
using Dispatch.Contracts.Sip;
using Orleans.Storage;

namespace Dispatch.Silo.Sip;

/// <summary>
/// The stored binding set of each worker: one grain state row ("sip-bindings" of the worker's
/// <see cref="SipBindingsGrain"/>), read and written compare-and-set. Both the grain and, where the silo runs in the same
/// process, the registrar go through here: the registrar writes without a grain call per REGISTER (that call was about
/// 76 of the 272 µs a sipp REGISTER call cost, docs/benchmarks.md), and the row's etag arbitrates between writers, so
/// two REGISTERs of one worker on two nodes still cannot lose each other's contacts.
/// </summary>
/// <remarks>
/// The set's version is the row's etag: both start at 1 with the first write and grow by one with each, so a write
/// expecting version v carries etag v and needs no read first. A refused write reads the row and returns it.
/// Expired bindings are dropped from what is read (expiry alone is never written).
/// </remarks>
public sealed class SipBindingRows(IGrainStorage storage, TimeProvider clock)
{
    public const string StateName = "sip-bindings";

    /// <summary>The worker's unexpired bindings and their version (<see cref="SipBindingSet.Empty"/> if none were ever written).</summary>
    public async Task<SipBindingSet> Read(GrainId grain)
    {
        var row = new GrainState<SipBindingsState>(new SipBindingsState());
        await storage.ReadStateAsync(StateName, grain, row);
        return Unexpired(row is { RecordExists: true, State: { } state } ? state.Set : SipBindingSet.Empty);
    }

    /// <summary>
    /// Replaces the bindings if their stored version is still <paramref name="expectedVersion"/>; returns whether it did
    /// and the set as it now stands. Once this returns applied, the write is durable (the storage's group commit).
    /// </summary>
    public async Task<SipBindingWrite> CompareAndSet(GrainId grain, long expectedVersion, IReadOnlyList<SipBinding> bindings)
    {
        var updated = new SipBindingSet(expectedVersion + 1, bindings as SipBinding[] ?? [.. bindings]);
        var row = new GrainState<SipBindingsState>(new SipBindingsState { Set = updated })
        {
            ETag = expectedVersion == 0 ? null : expectedVersion.ToString(CultureInfo.InvariantCulture),
        };
        try
        {
            await storage.WriteStateAsync(StateName, grain, row);
        }
        catch (InconsistentStateException)
        {
            return new SipBindingWrite(false, await Read(grain));
        }
        if (row.ETag != updated.Version.ToString(CultureInfo.InvariantCulture))
        {
            // Only this class writes the row, so this means someone cleared or rewrote it by other means.
            throw new InvalidOperationException(
                $"The bindings row of {grain} has etag {row.ETag} after writing version {updated.Version}: version and etag no longer agree.");
        }
        return new SipBindingWrite(true, Unexpired(updated));
    }

    private SipBindingSet Unexpired(SipBindingSet set)
    {
        var now = clock.GetUtcNow();
        foreach (var binding in set.Bindings)
        {
            if (binding.Expires <= now)
            {
                // Expiry is not a write: the version stays, so a registrar holding the old set may still write.
                return set with { Bindings = set.Bindings.Where(b => b.Expires > now).ToArray() };
            }
        }
        return set;
    }
}
