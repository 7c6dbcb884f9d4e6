using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace Dispatch.Media.WebRtc.Stun;

/// <summary>
/// Builds a STUN message into a caller's buffer, attribute by attribute, allocating nothing
/// (RFC 8489 §5, §14). The header length field is kept current after every attribute, so
/// <see cref="WriteMessageIntegrity"/> and <see cref="WriteFingerprint"/> can be called at any point,
/// in that order, as §14.5 and §14.7 require.
/// </summary>
public ref struct StunMessageWriter
{
    private readonly Span<byte> _buffer;
    private int _length;

    public StunMessageWriter(Span<byte> buffer, ushort messageType, StunTransactionId transactionId)
    {
        if (buffer.Length < StunHeader.Length)
        {
            throw new ArgumentException("A STUN message needs at least 20 bytes.", nameof(buffer));
        }
        _buffer = buffer;
        BinaryPrimitives.WriteUInt16BigEndian(buffer, messageType);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[4..], StunHeader.MagicCookie);
        transactionId.Write(buffer[8..]);
        TransactionId = transactionId;
        _length = StunHeader.Length;
        UpdateLength();
    }

    public readonly StunTransactionId TransactionId { get; }

    /// <summary>Bytes written so far; the message is <c>buffer[..Length]</c>.</summary>
    public readonly int Length => _length;

    public readonly ReadOnlySpan<byte> Written => _buffer[.._length];

    /// <summary>Writes an attribute; padding bytes are zero unless <paramref name="padding"/> gives them.</summary>
    public void WriteAttribute(ushort type, ReadOnlySpan<byte> value, ReadOnlySpan<byte> padding = default)
    {
        var body = Begin(type, value.Length);
        value.CopyTo(body);
        End(value.Length, padding);
    }

    public void WriteString(ushort type, string value)
    {
        var byteCount = Encoding.UTF8.GetByteCount(value);
        var body = Begin(type, byteCount);
        Encoding.UTF8.GetBytes(value, body);
        End(byteCount, default);
    }

    public void WriteUInt32(ushort type, uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(Begin(type, 4), value);
        End(4, default);
    }

    public void WriteUInt64(ushort type, ulong value)
    {
        BinaryPrimitives.WriteUInt64BigEndian(Begin(type, 8), value);
        End(8, default);
    }

    public void WriteFlag(ushort type)
    {
        Begin(type, 0);
        End(0, default);
    }

    public void WriteXorMappedAddress(IPEndPoint endPoint)
    {
        var length = StunXorAddress.Write(endPoint, TransactionId,
            Begin(StunAttributeType.XorMappedAddress, StunXorAddress.ValueLength(endPoint.AddressFamily)));
        End(length, default);
    }

    public void WriteErrorCode(int code, string? reason = null)
    {
        reason ??= StunErrorCode.DefaultReason(code);
        var length = StunErrorCode.Write(code, reason, Begin(StunAttributeType.ErrorCode, StunErrorCode.ValueLength(reason)));
        End(length, default);
    }

    /// <summary>UNKNOWN-ATTRIBUTES (RFC 8489 §14.9): a list of 16-bit types.</summary>
    public void WriteUnknownAttributes(IReadOnlyList<ushort> types)
    {
        var body = Begin(StunAttributeType.UnknownAttributes, types.Count * 2);
        for (var i = 0; i < types.Count; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(body[(i * 2)..], types[i]);
        }
        End(types.Count * 2, default);
    }

    /// <summary>RFC 8489 §14.5: HMAC-SHA1 over everything written so far, length counting this attribute.</summary>
    public void WriteMessageIntegrity(ReadOnlySpan<byte> key)
    {
        var offset = _length;
        var body = Begin(StunAttributeType.MessageIntegrity, StunIntegrity.Sha1Length);
        StunIntegrity.ComputeSha1(_buffer, offset, key, body);
        End(StunIntegrity.Sha1Length, default);
    }

    /// <summary>RFC 8489 §14.7: must be the last attribute.</summary>
    public void WriteFingerprint()
    {
        var offset = _length;
        var body = Begin(StunAttributeType.Fingerprint, 4);
        BinaryPrimitives.WriteUInt32BigEndian(body, StunIntegrity.ComputeFingerprint(_buffer, offset));
        End(4, default);
    }

    private Span<byte> Begin(ushort type, int valueLength)
    {
        var padded = StunMessage.Padded(valueLength);
        if (_length + 4 + padded > _buffer.Length)
        {
            throw new ArgumentException("The STUN buffer is too small for this attribute.");
        }
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[_length..], type);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[(_length + 2)..], (ushort)valueLength);
        return _buffer.Slice(_length + 4, valueLength);
    }

    private void End(int valueLength, ReadOnlySpan<byte> padding)
    {
        var padded = StunMessage.Padded(valueLength);
        var pad = _buffer.Slice(_length + 4 + valueLength, padded - valueLength);
        if (padding.Length == pad.Length)
        {
            padding.CopyTo(pad);
        }
        else
        {
            pad.Clear();
        }
        _length += 4 + padded;
        UpdateLength();
    }

    private readonly void UpdateLength() =>
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[2..], (ushort)(_length - StunHeader.Length));
}
