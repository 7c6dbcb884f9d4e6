using System.Globalization;
using Dispatch.Contracts.Realtime;

namespace Dispatch.Silo.Realtime;

/// <summary>
/// Older pushes of an inbox, in a row of their own: a receipt for one of them rewrites this row only, and a new push
/// rewrites only the inbox's own row of its newest pushes. Until 2026-11-29 an inbox was one row of up to 1,000 pushes
/// rewritten by every push and receipt; after months of traffic that row and the serializer's table of its objects
/// would land on the large object heap at every write, the cost the tracker's receipt segments removed
/// (docs/realtime.md, "Inbox segments").
/// </summary>
[GenerateSerializer]
public sealed class InboxSegment
{
    /// <summary>Pushes per row: a few tens of KiB with their receipts, well below the large object heap's 85,000 bytes.</summary>
    public const int Capacity = 32;

    /// <summary>Oldest first.</summary>
    [Id(0)] public List<InboxEntry> Entries { get; set; } = [];

    /// <summary>Receipts of <see cref="Entries"/> saved but perhaps not yet reported to their sender.</summary>
    [Id(1)] public List<PushReceipt> Unreported { get; set; } = [];

    /// <summary>The row's state name for segment <paramref name="number"/> of the inbox grain.</summary>
    public static string StateName(int number) => "inbox-" + number.ToString(CultureInfo.InvariantCulture);
}
