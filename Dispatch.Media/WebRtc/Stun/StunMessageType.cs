namespace Dispatch.Media.WebRtc.Stun;

/// <summary>STUN message classes (RFC 8489 §5: the C1 and C0 bits of the message type).</summary>
public enum StunClass
{
    Request = 0,
    Indication = 1,
    SuccessResponse = 2,
    ErrorResponse = 3,
}

/// <summary>
/// The 14-bit STUN message type interleaves a 12-bit method with the 2-bit class (RFC 8489 §5):
/// <code>
///  0                 1
///  2  3  4 5 6 7 8 9 0 1 2 3 4 5
/// +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
/// |M |M |M|M|M|C|M|M|M|C|M|M|M|M|
/// |11|10|9|8|7|1|6|5|4|0|3|2|1|0|
/// +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public static class StunMessageType
{
    /// <summary>The only method ICE uses (RFC 8489 §18.2).</summary>
    public const ushort BindingMethod = 0x001;

    public const ushort BindingRequest = 0x0001;
    public const ushort BindingIndication = 0x0011;
    public const ushort BindingSuccessResponse = 0x0101;
    public const ushort BindingErrorResponse = 0x0111;

    public static ushort Compose(ushort method, StunClass stunClass)
    {
        var c = (int)stunClass;
        return (ushort)((method & 0x000F) | ((method & 0x0070) << 1) | ((method & 0x0F80) << 2)
                        | ((c & 0x1) << 4) | ((c & 0x2) << 7));
    }

    public static ushort MethodOf(ushort type) =>
        (ushort)((type & 0x000F) | ((type & 0x00E0) >> 1) | ((type & 0x3E00) >> 2));

    public static StunClass ClassOf(ushort type) => (StunClass)(((type >> 4) & 0x1) | ((type >> 7) & 0x2));
}
