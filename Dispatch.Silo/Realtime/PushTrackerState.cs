using Dispatch.Contracts.Realtime;

namespace Dispatch.Silo.Realtime;

[GenerateSerializer]
public sealed class PushTrackerState
{
    [Id(0)] public PushMessage? Push { get; set; }

    [Id(1)] public List<PushReceipt> Receipts { get; set; } = [];
}
