using Dispatch.Contracts.Notices;

namespace Dispatch.Silo.Notices;

[GenerateSerializer]
public sealed class NoticeRegistryState
{
    [Id(0)] public List<NoticeEntry> Notices { get; set; } = [];
}
