using Dispatch.Contracts.Sip;
using Dispatch.Media.Sip.Registrar;

namespace Dispatch.Benchmarks.Sip;

/// <summary>The registrar's store as dictionaries answering at once: the REGISTER path without grains or storage.</summary>
internal sealed class BenchRegistrarStore(IReadOnlyDictionary<string, SipAccount> accounts) : ISipRegistrarStore
{
    private readonly Dictionary<string, SipBindingSet> _bindings = new(StringComparer.Ordinal);

    public ValueTask<SipAccount?> FindAccount(string username) => ValueTask.FromResult(accounts.GetValueOrDefault(username));

    public ValueTask<SipBindingSet> ReadBindings(string workerId) => ValueTask.FromResult(_bindings.GetValueOrDefault(workerId, SipBindingSet.Empty));

    public ValueTask<SipBindingWrite> WriteBindings(string workerId, SipBindingSet expected, IReadOnlyList<SipBinding> bindings)
    {
        var current = _bindings.GetValueOrDefault(workerId, SipBindingSet.Empty);
        if (current.Version != expected.Version)
        {
            return ValueTask.FromResult(new SipBindingWrite(false, current));
        }
        var written = new SipBindingSet(current.Version + 1, bindings);
        _bindings[workerId] = written;
        return ValueTask.FromResult(new SipBindingWrite(true, written));
    }
}
