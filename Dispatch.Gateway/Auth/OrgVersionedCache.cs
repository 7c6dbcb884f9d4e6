using System.Collections.Concurrent;
using Dispatch.Contracts.Org;

namespace Dispatch.Gateway.Auth;

/// <summary>
/// What a gateway read about workers or units, kept while the org tree is unchanged: each use reads the tree's
/// change mark first (one grain call, <see cref="IOrgVersionGrain"/>) and gets the entries read under that mark,
/// or a fresh, empty set when the mark moved. An entry read under a mark reflects every change up to that mark,
/// because changes move it only after they are saved. Replaces a 10 s lifetime, which let a bulk send to a county
/// that came after a pause ask 5,000 worker grains and a thousand unit grains again on the way to its first device.
/// </summary>
public sealed class OrgVersionedCache<TValue>(IGrainFactory grains)
{
    /// <summary>A bound on memory: past it the entries are dropped and read again.</summary>
    public const int MaxEntries = 200_000;

    private Entries _current = new(new OrgVersion(Guid.Empty, -1));

    /// <summary>The entries read under the current mark, to read from and add to.</summary>
    public async Task<ConcurrentDictionary<string, TValue>> Current()
    {
        var version = await grains.GetGrain<IOrgVersionGrain>(0).Get();
        var current = Volatile.Read(ref _current);
        if (current.Version == version && current.Values.Count < MaxEntries)
        {
            return current.Values;
        }
        var fresh = new Entries(version);
        // A slower caller holding an older mark may put its set back for a moment; the next caller with the
        // newer mark replaces it again. Each caller only ever reads entries read under the mark it holds.
        Interlocked.Exchange(ref _current, fresh);
        return fresh.Values;
    }

    private sealed record Entries(OrgVersion Version)
    {
        public ConcurrentDictionary<string, TValue> Values { get; } = new(StringComparer.Ordinal);
    }
}
