using Dispatch.Contracts.Org;
using Dispatch.Contracts.Sip;
using Dispatch.Media.Sip.Auth;
using Dispatch.Media.Sip.Registrar;

namespace Dispatch.Media.Tests.Sip.Registrar;

/// <summary>The registrar's store as dictionaries; optionally answers asynchronously, like grains do.</summary>
internal sealed class InMemoryRegistrarStore : ISipRegistrarStore
{
    private readonly Dictionary<string, SipAccount> _accounts = [];
    private readonly Dictionary<string, SipBindingSet> _bindings = [];

    public bool Asynchronous { get; init; }

    /// <summary>Writes made by "another node" just before the next write of ours, to force a version conflict.</summary>
    public Queue<(string WorkerId, SipBinding Binding)> Interlopers { get; } = new();

    public int Writes { get; private set; }

    public int Reads { get; private set; }

    public int AccountLookups { get; private set; }

    public void RemoveDevice(string username) => _accounts.Remove(username);

    public void AddDevice(string workerId, string deviceId, string username, string password, string realm = "dispatch") =>
        _accounts[username] = new SipAccount(workerId, new SipDeviceCredential(deviceId, username, realm,
            DigestMath.Ha1(DigestAlgorithm.Md5, username, realm, password), DigestMath.Ha1(DigestAlgorithm.Sha256, username, realm, password)));

    public IReadOnlyList<SipBinding> BindingsOf(string workerId) => _bindings.GetValueOrDefault(workerId, SipBindingSet.Empty).Bindings;

    public async ValueTask<SipAccount?> FindAccount(string username)
    {
        await Yield();
        AccountLookups++;
        return _accounts.GetValueOrDefault(username);
    }

    public async ValueTask<SipBindingSet> ReadBindings(string workerId)
    {
        await Yield();
        Reads++;
        return _bindings.GetValueOrDefault(workerId, SipBindingSet.Empty);
    }

    public async ValueTask<SipBindingWrite> WriteBindings(string workerId, SipBindingSet expected, IReadOnlyList<SipBinding> bindings)
    {
        await Yield();
        if (Interlopers.TryDequeue(out var interloper))
        {
            var before = _bindings.GetValueOrDefault(interloper.WorkerId, SipBindingSet.Empty);
            _bindings[interloper.WorkerId] = new SipBindingSet(before.Version + 1, [.. before.Bindings, interloper.Binding]);
        }
        var current = _bindings.GetValueOrDefault(workerId, SipBindingSet.Empty);
        if (current.Version != expected.Version)
        {
            return new SipBindingWrite(false, current);
        }
        Writes++;
        _bindings[workerId] = new SipBindingSet(current.Version + 1, bindings);
        return new SipBindingWrite(true, _bindings[workerId]);
    }

    private async ValueTask Yield()
    {
        if (Asynchronous)
        {
            await Task.Yield();
        }
    }
}
