namespace Dispatch.Contracts.Notices;

/// <summary>A sent notice and its counts now.</summary>
[GenerateSerializer, Immutable]
public sealed record NoticeView(
    [property: Id(0)] string Id,
    [property: Id(1)] NoticeDraft Draft,
    [property: Id(2)] DateTimeOffset SentAt,
    [property: Id(3)] AwarenessCount Total,
    [property: Id(4)] DateTimeOffset RemindAt,
    [property: Id(5)] DateTimeOffset FollowUpAt,
    [property: Id(6)] DateTimeOffset? RemindedAt,
    [property: Id(7)] DateTimeOffset? FollowUpListedAt);

/// <summary>
/// How many of a group of recipients have the notice on a device, have read it, and have confirmed it;
/// the awareness rate (知晓率) is confirmed / recipients.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AwarenessCount(
    [property: Id(0)] int Recipients,
    [property: Id(1)] int Delivered,
    [property: Id(2)] int Read,
    [property: Id(3)] int Confirmed)
{
    public double Rate => Recipients == 0 ? 0 : (double)Confirmed / Recipients;
}

/// <summary>The counts of the recipients placed in one unit's subtree.</summary>
[GenerateSerializer, Immutable]
public sealed record UnitAwareness(
    [property: Id(0)] string UnitCode,
    [property: Id(1)] int Level,
    [property: Id(2)] AwarenessCount Count);

/// <summary>One person's state for a notice.</summary>
[GenerateSerializer, Immutable]
public sealed record RecipientStatus(
    [property: Id(0)] string WorkerId,
    [property: Id(1)] string Name,
    [property: Id(2)] string Phone,
    [property: Id(3)] string UnitCode,
    [property: Id(4)] DateTimeOffset? DeliveredAt,
    [property: Id(5)] DateTimeOffset? ReadAt,
    [property: Id(6)] DateTimeOffset? ConfirmedAt,
    [property: Id(7)] bool Reminded);
