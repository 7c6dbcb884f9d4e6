namespace Dispatch.Media.Sdp;

/// <summary>
/// One <c>a=</c> line (RFC 8866 §5.13): <c>a=name</c> (a property) or <c>a=name:value</c>.
/// The value is kept verbatim, leading spaces included, so unknown attributes round-trip unchanged;
/// typed views in <see cref="Attributes"/> read it on demand.
/// </summary>
public sealed record SdpAttribute(string Name, string? Value = null)
{
    public override string ToString() => Value is null ? Name : Name + ":" + Value;
}
