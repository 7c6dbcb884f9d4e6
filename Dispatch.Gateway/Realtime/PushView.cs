using Dispatch.Contracts.Realtime;

namespace Dispatch.Gateway.Realtime;

/// <summary>A push as a device sees it (the <c>push</c> event and the items of <c>Sync()</c>).</summary>
public sealed record PushView(string Id, PushKind Kind, string Title, string Body, DateTimeOffset CreatedAt, string Sender)
{
    public static PushView From(PushMessage push) => new(push.Id, push.Kind, push.Title, push.Body, push.CreatedAt, push.SenderName);
}
