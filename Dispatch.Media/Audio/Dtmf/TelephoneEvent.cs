using System.Buffers.Binary;

namespace Dispatch.Media.Audio.Dtmf;

/// <summary>
/// An RFC 4733 §2.3 named telephone event payload (4 bytes):
/// <code>
///  0                   1                   2                   3
/// |     event     |E|R| volume    |          duration             |
/// </code>
/// Event 0-9, 10 (*), 11 (#), 12-15 (A-D) are DTMF (§3.2); volume is -dBm0 (0-63); duration counts RTP clock
/// ticks since the event's timestamp. Several events may follow each other in one payload (§2.5.1.5, redundancy);
/// <see cref="TryParse"/> reads the first.
/// </summary>
public readonly record struct TelephoneEvent(byte Event, bool End, byte Volume, ushort Duration)
{
    public const int Length = 4;

    public static bool TryParse(ReadOnlySpan<byte> payload, out TelephoneEvent value, out string? error)
    {
        value = default;
        error = null;
        if (payload.Length < Length)
        {
            error = $"a telephone-event payload is at least {Length} bytes (RFC 4733 §2.3), got {payload.Length}";
            return false;
        }
        value = new TelephoneEvent(payload[0], (payload[1] & 0x80) != 0, (byte)(payload[1] & 0x3F),
            BinaryPrimitives.ReadUInt16BigEndian(payload[2..]));
        return true;
    }

    /// <summary>Writes the payload; the R bit is written as zero (§2.3.3: reserved).</summary>
    public int Write(Span<byte> destination)
    {
        if (Volume > 63) throw new ArgumentOutOfRangeException(nameof(Volume), "volume is 6 bits (RFC 4733 §2.3.4)");
        destination[0] = Event;
        destination[1] = (byte)((End ? 0x80 : 0) | Volume);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Duration);
        return Length;
    }

    /// <summary>The DTMF key this event stands for (§3.2), or '?' for a non-DTMF event.</summary>
    public char Key => Event switch
    {
        <= 9 => (char)('0' + Event),
        10 => '*',
        11 => '#',
        >= 12 and <= 15 => (char)('A' + Event - 12),
        _ => '?',
    };
}
