namespace Dispatch.Media.Audio.Dtmf;

/// <summary>
/// Carries RFC 4733 events from one RTP stream into another with a different clock (8 kHz SIP ↔ 48 kHz WebRTC).
/// Every incoming event packet, the three end-bit retransmissions included (§2.5.1.4), becomes one outgoing packet:
/// the event's timestamp is replaced by the outgoing stream's media timestamp at the moment the event started
/// (one timestamp for all packets of an event, §2.5.1.2) and the duration is rescaled to the outgoing clock.
/// The marker bit goes on the first packet of each new event (§2.5.1.3).
/// </summary>
public sealed class TelephoneEventRelay(int inboundClockRate, int outboundClockRate)
{
    private uint? _inboundEventTimestamp;
    private uint _outboundEventTimestamp;

    /// <summary>
    /// Translates one event packet. <paramref name="outboundTimestampNow"/> is the outgoing stream's timestamp for
    /// media sent now; it starts a new event when the inbound event timestamp changes.
    /// </summary>
    public (TelephoneEvent Event, uint Timestamp, bool Marker) Translate(TelephoneEvent inbound, uint inboundTimestamp, uint outboundTimestampNow)
    {
        var marker = _inboundEventTimestamp != inboundTimestamp;
        if (marker)
        {
            _inboundEventTimestamp = inboundTimestamp;
            _outboundEventTimestamp = outboundTimestampNow;
        }
        var duration = (long)inbound.Duration * outboundClockRate / inboundClockRate;
        // §2.5.2.3: a duration that no longer fits 16 bits is capped (long events are split by the sender).
        var outbound = inbound with { Duration = (ushort)Math.Min(duration, ushort.MaxValue) };
        return (outbound, _outboundEventTimestamp, marker);
    }
}
