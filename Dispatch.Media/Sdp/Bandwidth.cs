namespace Dispatch.Media.Sdp;

/// <summary>A <c>b=</c> line (RFC 8866 §5.8): <c>bwtype:bandwidth</c>, e.g. <c>AS:256</c> or <c>TIAS:256000</c>.</summary>
public sealed record Bandwidth(string Type, ulong Value)
{
    public override string ToString() => $"{Type}:{Value}";
}
