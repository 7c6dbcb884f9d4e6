using Dispatch.Contracts.Sip;

namespace Dispatch.Silo.Sip;

/// <summary>The bindings row of a worker (<see cref="SipBindingRows"/>): its binding set with its compare-and-set version.</summary>
[GenerateSerializer]
public sealed class SipBindingsState
{
    [Id(0)] public SipBindingSet Set { get; set; } = SipBindingSet.Empty;
}
