using Dispatch.Contracts.Realtime;

namespace Dispatch.Gateway.Realtime;

/// <summary>
/// A push as a device sees it (the <c>push</c> event and the items of <c>Sync()</c>). <paramref name="AckAfterMs"/>
/// asks the device to wait about that long before its <c>delivered</c> acknowledgement (<see cref="AckSpread"/>);
/// 0, the usual value, means at once.
/// </summary>
public sealed record PushView(string Id, PushKind Kind, string Title, string Body, DateTimeOffset CreatedAt, string Sender, int AckAfterMs = 0)
{
    public static PushView From(PushMessage push) => new(push.Id, push.Kind, push.Title, push.Body, push.CreatedAt, push.SenderName);
}
