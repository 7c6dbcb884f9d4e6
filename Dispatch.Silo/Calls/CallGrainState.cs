using Dispatch.Contracts.Calls;

namespace Dispatch.Silo.Calls;

/// <summary>What a call keeps across restarts: its record. Who is connected where is memory only.</summary>
[GenerateSerializer]
public sealed class CallGrainState
{
    [Id(0)] public CallRecord? Record { get; set; }
}
