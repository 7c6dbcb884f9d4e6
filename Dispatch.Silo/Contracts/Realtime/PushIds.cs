using System.Globalization;
using System.Security.Cryptography;

namespace Dispatch.Contracts.Realtime;

/// <summary>
/// Push ids of a REST send: 32 lowercase hex digits, the first 24 random and shared by every push of one
/// request (the key of its <see cref="IPushTrackerGrain"/>), the last 8 the recipient's position in it.
/// One tracker per request, not per push, keeps a broadcast to thousands of workers one saved row.
/// </summary>
public static class PushIds
{
    public const int BroadcastLength = 24;

    private const int RecipientLength = 8;

    public static string NewBroadcast() => RandomNumberGenerator.GetHexString(BroadcastLength, lowercase: true);

    public static string Of(string broadcastId, int recipient) =>
        broadcastId + recipient.ToString("x8", CultureInfo.InvariantCulture);

    /// <summary>Splits a push id made by <see cref="Of"/>; false for anything else.</summary>
    public static bool TrySplit(string? pushId, out string broadcastId, out int recipient)
    {
        broadcastId = "";
        recipient = -1;
        if (pushId is not { Length: BroadcastLength + RecipientLength } || !pushId.All(char.IsAsciiHexDigitLower))
        {
            return false;
        }
        if (!int.TryParse(pushId.AsSpan(BroadcastLength), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out recipient) || recipient < 0)
        {
            return false;
        }
        broadcastId = pushId[..BroadcastLength];
        return true;
    }
}
