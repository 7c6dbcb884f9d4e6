using System.Collections.Concurrent;
using Dispatch.Contracts.Sip;

namespace Dispatch.Media.Sip.Registrar;

/// <summary>
/// Credentials the registrar looked up recently, so a phone's refresh does not cost a store call (a grain call)
/// for its credential as well as for its bindings. Only found accounts are kept (a device added a moment ago is found
/// at once), and a credential that fails the digest check is looked up again before the answer (a changed password
/// works at once). What the cache can delay is only the other direction: a removed device or an old password keeps
/// working on this node for at most <see cref="SipRegistrarOptions.AccountCacheLifetime"/>.
/// </summary>
internal sealed class SipAccountCache(ISipRegistrarStore store, TimeProvider time, TimeSpan lifetime)
{
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<string, (SipAccount Account, DateTimeOffset Until)> _entries = new(StringComparer.Ordinal);

    /// <summary>The account of <paramref name="username"/>, and whether it came from the cache rather than the store.</summary>
    public async ValueTask<(SipAccount? Account, bool Cached)> Find(string username)
    {
        if (lifetime > TimeSpan.Zero && _entries.TryGetValue(username, out var entry) && entry.Until > time.GetUtcNow())
        {
            return (entry.Account, true);
        }
        return (await Refresh(username), false);
    }

    /// <summary>Asks the store, and remembers (or forgets) the answer.</summary>
    public async ValueTask<SipAccount?> Refresh(string username)
    {
        var account = await store.FindAccount(username);
        if (account is null || lifetime <= TimeSpan.Zero)
        {
            _entries.TryRemove(username, out _);
            return account;
        }
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear(); // a bound on memory; each username is simply looked up again
        }
        _entries[username] = (account, time.GetUtcNow() + lifetime);
        return account;
    }
}
