namespace Dispatch.Media.WebRtc.Srtp;

/// <summary>A master key and master salt (RFC 3711 §3.2.1) for one direction of a session.</summary>
public sealed record SrtpMasterKey(byte[] Key, byte[] Salt);
