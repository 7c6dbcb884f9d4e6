using Dispatch.Contracts.Calls;

namespace Dispatch.Silo.Calls;

[GenerateSerializer]
public sealed class CallRegistryState
{
    [Id(0)] public Dictionary<string, CallRecord> Calls { get; set; } = new(StringComparer.Ordinal);
}
