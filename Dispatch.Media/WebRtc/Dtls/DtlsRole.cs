namespace Dispatch.Media.WebRtc.Dtls;

/// <summary>
/// The DTLS role, decided by SDP's <c>a=setup</c> (RFC 8842 §5): <c>active</c> is the client,
/// <c>passive</c> the server. An answer to a browser's <c>actpass</c> offer normally takes <c>active</c>.
/// </summary>
public enum DtlsRole
{
    Client,
    Server,
}
