using Dispatch.Contracts.Realtime;

namespace Dispatch.Gateway.Api;

/// <summary>The body of <c>POST /api/pushes</c>; everything nullable so a missing field gets a named 400.</summary>
public sealed record PushRequest(IReadOnlyList<string>? WorkerIds, string? Title, string? Body, PushKind? Kind);

public sealed record PushResponse(IReadOnlyList<string> PushIds);

public sealed record ReceiptResponse(string DeviceId, ReceiptKind Kind, DateTimeOffset At);

public sealed record PushReceiptsResponse(
    string PushId, string WorkerId, PushKind Kind, string Title, string Sender, DateTimeOffset CreatedAt,
    IReadOnlyList<ReceiptResponse> Receipts)
{
    public static PushReceiptsResponse From(PushTrack track) => new(
        track.Push.Id, track.Push.WorkerId, track.Push.Kind, track.Push.Title, track.Push.SenderName, track.Push.CreatedAt,
        track.Receipts.Select(r => new ReceiptResponse(r.DeviceId, r.Kind, r.At)).ToArray());
}
