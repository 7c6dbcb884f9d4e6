namespace Dispatch.Media.WebRtc.Stun;

/// <summary>
/// One attribute as it appeared on the wire: its type, value and the padding bytes that followed it
/// (RFC 8489 §14: padding content is arbitrary and is kept so that a message re-encodes byte for byte).
/// <paramref name="Offset"/> is where the attribute header starts in the message.
/// </summary>
public readonly record struct StunAttribute(ushort Type, int Offset, ReadOnlyMemory<byte> Value, ReadOnlyMemory<byte> Padding)
{
    public int PaddedLength => Value.Length + Padding.Length;
}
