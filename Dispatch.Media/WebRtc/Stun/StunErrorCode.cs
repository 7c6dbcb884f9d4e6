using System.Text;

namespace Dispatch.Media.WebRtc.Stun;

/// <summary>
/// ERROR-CODE (RFC 8489 §14.8): class (hundreds) in 3 bits, number (0-99) in 8 bits, then a UTF-8 reason.
/// </summary>
public readonly record struct StunErrorCode(int Code, string Reason)
{
    public const int TryAlternate = 300;
    public const int BadRequest = 400;
    public const int Unauthorized = 401;
    public const int UnknownAttribute = 420;
    public const int StaleNonce = 438;
    /// <summary>RFC 8445 §7.3.1.1.</summary>
    public const int RoleConflict = 487;
    public const int ServerError = 500;

    public static string DefaultReason(int code) => code switch
    {
        TryAlternate => "Try Alternate",
        BadRequest => "Bad Request",
        Unauthorized => "Unauthorized",
        UnknownAttribute => "Unknown Attribute",
        StaleNonce => "Stale Nonce",
        RoleConflict => "Role Conflict",
        ServerError => "Server Error",
        _ => "Error",
    };

    public static bool TryRead(ReadOnlySpan<byte> value, out StunErrorCode error)
    {
        error = default;
        if (value.Length < 4)
        {
            return false;
        }
        var hundreds = value[2] & 0x7;
        var number = value[3];
        if (hundreds is < 3 or > 6 || number > 99)
        {
            return false;
        }
        error = new StunErrorCode(hundreds * 100 + number, Encoding.UTF8.GetString(value[4..]));
        return true;
    }

    /// <summary>Bytes the value takes before padding.</summary>
    public static int ValueLength(string reason) => 4 + Encoding.UTF8.GetByteCount(reason);

    public static int Write(int code, string reason, Span<byte> destination)
    {
        destination[0] = 0;
        destination[1] = 0;
        destination[2] = (byte)(code / 100);
        destination[3] = (byte)(code % 100);
        return 4 + Encoding.UTF8.GetBytes(reason, destination[4..]);
    }
}
