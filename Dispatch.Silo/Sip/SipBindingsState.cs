using Dispatch.Contracts.Sip;

namespace Dispatch.Silo.Sip;

/// <summary>What <see cref="SipBindingsGrain"/> saves: the worker's binding set with its compare-and-set version.</summary>
[GenerateSerializer]
public sealed class SipBindingsState
{
    [Id(0)] public SipBindingSet Set { get; set; } = SipBindingSet.Empty;
}
