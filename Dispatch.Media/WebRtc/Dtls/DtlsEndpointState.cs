namespace Dispatch.Media.WebRtc.Dtls;

public enum DtlsEndpointState
{
    /// <summary>Created; a server waits for a ClientHello, a client for <see cref="DtlsEndpoint.Start"/>.</summary>
    New,
    Handshaking,
    Connected,
    Closed,
    Failed,
}
