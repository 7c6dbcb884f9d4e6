namespace Dispatch.Media.WebRtc.Rtcp;

/// <summary>One packet of a compound RTCP datagram; each subtype parses itself from its body.</summary>
public abstract record RtcpPacket(RtcpHeader Header);

/// <summary>A packet of a type or format not interpreted here (APP, XR, other feedback), kept as bytes.</summary>
public sealed record UnknownRtcpPacket(RtcpHeader Header, byte[] Body) : RtcpPacket(Header);
