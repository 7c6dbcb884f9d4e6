using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace Dispatch.Media.WebRtc.Stun;

/// <summary>
/// A parsed STUN message (RFC 8489 §5, §14). It owns a copy of the datagram, keeps every attribute in
/// order (unknown ones too, with their padding), and checks MESSAGE-INTEGRITY and FINGERPRINT against
/// the original bytes. Parsing never throws: <see cref="TryParse"/> reports a <see cref="StunParseError"/>.
/// </summary>
public sealed class StunMessage
{
    private readonly byte[] _raw;
    private readonly StunAttribute[] _attributes;
    private readonly int _integrityIndex;

    private StunMessage(byte[] raw, StunAttribute[] attributes)
    {
        _raw = raw;
        _attributes = attributes;
        Type = BinaryPrimitives.ReadUInt16BigEndian(raw);
        TransactionId = StunTransactionId.Read(raw.AsSpan(8));
        _integrityIndex = Array.FindIndex(attributes, a => a.Type == StunAttributeType.MessageIntegrity);
    }

    public ushort Type { get; }
    public ushort Method => StunMessageType.MethodOf(Type);
    public StunClass Class => StunMessageType.ClassOf(Type);
    public StunTransactionId TransactionId { get; }
    public IReadOnlyList<StunAttribute> Attributes => _attributes;
    public ReadOnlyMemory<byte> Raw => _raw;

    public static bool TryParse(ReadOnlySpan<byte> datagram, out StunMessage? message, out StunParseError error)
    {
        message = null;
        error = Validate(datagram, out var attributeCount);
        if (error != StunParseError.None)
        {
            return false;
        }
        var raw = datagram.ToArray();
        var attributes = new StunAttribute[attributeCount];
        var offset = StunHeader.Length;
        for (var i = 0; i < attributeCount; i++)
        {
            var type = BinaryPrimitives.ReadUInt16BigEndian(raw.AsSpan(offset));
            var length = BinaryPrimitives.ReadUInt16BigEndian(raw.AsSpan(offset + 2));
            var padded = Padded(length);
            attributes[i] = new StunAttribute(type, offset,
                raw.AsMemory(offset + 4, length), raw.AsMemory(offset + 4 + length, padded - length));
            offset += 4 + padded;
        }
        message = new StunMessage(raw, attributes);
        return true;
    }

    public static int Padded(int length) => (length + 3) & ~3;

    /// <summary>RFC 8489 §6.3 checks, plus that attributes tile the body exactly and FINGERPRINT is last.</summary>
    private static StunParseError Validate(ReadOnlySpan<byte> datagram, out int attributeCount)
    {
        attributeCount = 0;
        if (datagram.Length < StunHeader.Length)
        {
            return StunParseError.TooShort;
        }
        if ((datagram[0] & 0xC0) != 0)
        {
            return StunParseError.LeadingBitsNotZero;
        }
        if (BinaryPrimitives.ReadUInt32BigEndian(datagram[4..]) != StunHeader.MagicCookie)
        {
            return StunParseError.BadMagicCookie;
        }
        var bodyLength = BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]);
        if (bodyLength % 4 != 0)
        {
            return StunParseError.LengthNotMultipleOfFour;
        }
        if (bodyLength + StunHeader.Length != datagram.Length)
        {
            return StunParseError.LengthMismatch;
        }
        var offset = StunHeader.Length;
        var sawFingerprint = false;
        while (offset < datagram.Length)
        {
            if (sawFingerprint)
            {
                return StunParseError.FingerprintNotLast;
            }
            if (datagram.Length - offset < 4)
            {
                return StunParseError.AttributeTruncated;
            }
            var type = BinaryPrimitives.ReadUInt16BigEndian(datagram[offset..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(datagram[(offset + 2)..]);
            if (offset + 4 + Padded(length) > datagram.Length)
            {
                return StunParseError.AttributeTruncated;
            }
            sawFingerprint = type == StunAttributeType.Fingerprint;
            offset += 4 + Padded(length);
            attributeCount++;
        }
        return StunParseError.None;
    }

    /// <summary>
    /// The first attribute of <paramref name="type"/>. RFC 8489 §14.5: attributes after MESSAGE-INTEGRITY,
    /// other than MESSAGE-INTEGRITY-SHA256 and FINGERPRINT, are ignored.
    /// </summary>
    public bool TryFind(ushort type, out StunAttribute attribute)
    {
        for (var i = 0; i < _attributes.Length; i++)
        {
            if (_integrityIndex >= 0 && i > _integrityIndex
                && type is not (StunAttributeType.MessageIntegritySha256 or StunAttributeType.Fingerprint))
            {
                break;
            }
            if (_attributes[i].Type == type)
            {
                attribute = _attributes[i];
                return true;
            }
        }
        attribute = default;
        return false;
    }

    public bool Has(ushort type) => TryFind(type, out _);

    public string? Username => TryFind(StunAttributeType.Username, out var a) ? Encoding.UTF8.GetString(a.Value.Span) : null;
    public string? Software => TryFind(StunAttributeType.Software, out var a) ? Encoding.UTF8.GetString(a.Value.Span) : null;
    public string? Realm => TryFind(StunAttributeType.Realm, out var a) ? Encoding.UTF8.GetString(a.Value.Span) : null;
    public string? Nonce => TryFind(StunAttributeType.Nonce, out var a) ? Encoding.UTF8.GetString(a.Value.Span) : null;

    /// <summary>RFC 8445 §7.1.1: PRIORITY is a 32-bit unsigned integer.</summary>
    public uint? Priority => TryFind(StunAttributeType.Priority, out var a) && a.Value.Length == 4
        ? BinaryPrimitives.ReadUInt32BigEndian(a.Value.Span) : null;

    /// <summary>RFC 8445 §7.1.2: USE-CANDIDATE has no value.</summary>
    public bool UseCandidate => Has(StunAttributeType.UseCandidate);

    /// <summary>RFC 8445 §7.1.3: the 64-bit tiebreaker.</summary>
    public ulong? IceControlling => ReadTieBreaker(StunAttributeType.IceControlling);
    public ulong? IceControlled => ReadTieBreaker(StunAttributeType.IceControlled);

    public StunErrorCode? ErrorCode =>
        TryFind(StunAttributeType.ErrorCode, out var a) && StunErrorCode.TryRead(a.Value.Span, out var e) ? e : null;

    public IPEndPoint? XorMappedAddress =>
        TryFind(StunAttributeType.XorMappedAddress, out var a) && StunXorAddress.TryRead(a.Value.Span, TransactionId, out var ep)
            ? ep : null;

    /// <summary>Comprehension-required attribute types this code does not understand (RFC 8489 §7.3.1: answer 420).</summary>
    public IReadOnlyList<ushort> UnknownComprehensionRequired()
    {
        List<ushort>? unknown = null;
        foreach (var a in _attributes)
        {
            if (StunAttributeType.IsComprehensionRequired(a.Type) && !StunAttributeType.IsKnown(a.Type))
            {
                (unknown ??= []).Add(a.Type);
            }
        }
        return unknown ?? (IReadOnlyList<ushort>)[];
    }

    public bool HasMessageIntegrity => _integrityIndex >= 0;

    /// <summary>
    /// RFC 8489 §14.5: HMAC-SHA1 keyed with the short-term password (§9.1.1, OpaqueString-prepared) or the
    /// long-term key MD5(username:realm:password) (§9.2.2).
    /// </summary>
    public bool VerifyMessageIntegrity(ReadOnlySpan<byte> key)
    {
        if (_integrityIndex < 0)
        {
            return false;
        }
        var a = _attributes[_integrityIndex];
        return StunIntegrity.VerifySha1(_raw, a.Offset, a.Value.Span, key);
    }

    public bool VerifyMessageIntegrity(string shortTermPassword) =>
        VerifyMessageIntegrity(Encoding.UTF8.GetBytes(shortTermPassword));

    public bool VerifyMessageIntegritySha256(ReadOnlySpan<byte> key) =>
        TryFind(StunAttributeType.MessageIntegritySha256, out var a)
        && StunIntegrity.VerifySha256(_raw, a.Offset, a.Value.Span, key);

    public bool HasFingerprint => _attributes.Length > 0 && _attributes[^1].Type == StunAttributeType.Fingerprint;

    /// <summary>RFC 8489 §14.7: CRC-32 of the message up to the attribute, XOR 0x5354554e.</summary>
    public bool VerifyFingerprint()
    {
        if (!HasFingerprint)
        {
            return false;
        }
        var a = _attributes[^1];
        return a.Value.Length == 4
               && BinaryPrimitives.ReadUInt32BigEndian(a.Value.Span) == StunIntegrity.ComputeFingerprint(_raw, a.Offset);
    }

    private ulong? ReadTieBreaker(ushort type) =>
        TryFind(type, out var a) && a.Value.Length == 8 ? BinaryPrimitives.ReadUInt64BigEndian(a.Value.Span) : null;
}
