namespace Dispatch.Media.WebRtc.Rtp;

/// <summary>One header extension element to write (RFC 8285 §4): a local ID and its data.</summary>
public readonly record struct RtpExtensionElement(byte Id, ReadOnlyMemory<byte> Value)
{
    /// <summary>RFC 8285 §4.2: IDs 1-14 and 1-16 bytes fit the one-byte form.</summary>
    public bool FitsOneByteForm => Id is >= 1 and <= 14 && Value.Length is >= 1 and <= 16;
}
