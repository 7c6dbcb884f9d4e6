namespace Dispatch.Media.Audio.G711;

/// <summary>Which G.711 companding a SIP leg negotiated, by its static payload type (RFC 3551 §6).</summary>
public enum G711Law
{
    MuLaw = 0,
    ALaw = 8,
}
