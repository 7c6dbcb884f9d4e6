namespace Dispatch.Client;

// The hub's message shapes, as docs/protocol.md describes them. Enumerations travel as snake_case strings.

public enum PushKind { Notice, Task, System }

public enum ReceiptKind { Delivered, Read, Accepted, Confirmed }

public enum PresenceStatus { Offline, Online, Busy, InCall }

public enum DeviceKind { Web, App }

public enum DeviceActivity { Available, Busy, InCall }

/// <summary>
/// A push as the <c>push</c> event and <c>Sync()</c> carry it. <paramref name="AckAfterMs"/>: the server asks the
/// device to wait about this long before acknowledging delivery (large sends; 0 = at once; docs/protocol.md).
/// </summary>
public sealed record PushNotice(string Id, PushKind Kind, string Title, string Body, DateTimeOffset CreatedAt, string Sender, int AckAfterMs = 0)
{
    /// <summary>
    /// When to send the <c>delivered</c> acknowledgement: <see cref="AckAfterMs"/> plus up to half of it again at
    /// random, so that the devices of one large send do not all acknowledge in the same moment.
    /// </summary>
    public TimeSpan DeliveredAckDelay() =>
        AckAfterMs <= 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(AckAfterMs + Random.Shared.Next(AckAfterMs / 2 + 1));
}

/// <summary>A worker's presence as the <c>presence</c> event and <c>SubscribePresence</c> carry it.</summary>
public sealed record PresenceUpdate(string WorkerId, PresenceStatus Status, DateTimeOffset At);

/// <summary>What <c>POST /api/auth/login</c> answered.</summary>
public sealed record LoginResult(string AccessToken, DateTimeOffset ExpiresAt, string Role, string? WorkerId, IReadOnlyList<string> Scope);
