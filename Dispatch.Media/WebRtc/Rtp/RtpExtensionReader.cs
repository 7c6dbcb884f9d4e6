namespace Dispatch.Media.WebRtc.Rtp;

/// <summary>
/// Walks the elements of an RFC 8285 header extension block without allocating.
/// One-byte form (profile 0xBEDE, §4.2): ID(4) L(4), L+1 data bytes, ID 15 stops the walk.
/// Two-byte form (profile 0x100X, §4.3): ID(8) L(8), L data bytes. Zero bytes between elements are padding.
/// A block in neither form yields nothing; a malformed element sets <see cref="Malformed"/>.
/// </summary>
public ref struct RtpExtensionReader
{
    public const ushort OneByteProfile = 0xBEDE;
    private readonly ReadOnlySpan<byte> _data;
    private readonly bool _oneByte;
    private readonly bool _twoByte;
    private int _offset;

    /// <param name="profile">The 16-bit "defined by profile" field.</param>
    /// <param name="data">The extension data after the 4-byte extension header.</param>
    public RtpExtensionReader(ushort profile, ReadOnlySpan<byte> data)
    {
        _data = data;
        _oneByte = profile == OneByteProfile;
        _twoByte = (profile & 0xFFF0) == 0x1000;
        _offset = 0;
        Malformed = false;
    }

    public static RtpExtensionReader Of(ReadOnlySpan<byte> packet, in RtpHeader header) =>
        new(header.ExtensionProfile, header.Extension ? packet.Slice(header.ExtensionOffset, header.ExtensionLength) : default);

    public bool Malformed { get; private set; }

    public bool TryReadNext(out byte id, out ReadOnlySpan<byte> value)
    {
        id = 0;
        value = default;
        if (!_oneByte && !_twoByte)
        {
            return false;
        }
        while (_offset < _data.Length && _data[_offset] == 0)
        {
            _offset++;
        }
        if (_offset >= _data.Length)
        {
            return false;
        }
        int length;
        if (_oneByte)
        {
            id = (byte)(_data[_offset] >> 4);
            length = (_data[_offset] & 0x0F) + 1;
            if (id == 15)
            {
                // RFC 8285 §4.2: ID 15 is reserved; processing stops.
                _offset = _data.Length;
                return false;
            }
            _offset += 1;
        }
        else
        {
            if (_offset + 2 > _data.Length)
            {
                Malformed = true;
                return false;
            }
            id = _data[_offset];
            length = _data[_offset + 1];
            _offset += 2;
        }
        if (_offset + length > _data.Length)
        {
            Malformed = true;
            _offset = _data.Length;
            return false;
        }
        value = _data.Slice(_offset, length);
        _offset += length;
        return true;
    }
}
