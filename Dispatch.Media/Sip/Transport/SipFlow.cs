using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using Dispatch.Media.Sip.Messages;

namespace Dispatch.Media.Sip.Transport;

/// <summary>
/// The transport and remote endpoint a client's messages arrived over, read back from the top Via the server
/// stamped (<see cref="SipViaStamp"/>: received and rport). The registrar keeps that Via as a binding's source, so
/// a request for the binding can go back over the same flow: the only way to reach a WebSocket client
/// (RFC 7118 §5.2) or a phone behind NAT (RFC 3581 §4, RFC 5626 §5.3).
/// </summary>
public sealed record SipFlow(string Transport, IPEndPoint Remote)
{
    public static bool TryRead(string stampedVia, [NotNullWhen(true)] out SipFlow? flow)
    {
        flow = null;
        if (!SipVia.TryParse(stampedVia, out var via))
        {
            return false;
        }
        var host = via.Received ?? via.Host.Trim('[', ']');
        if (!IPAddress.TryParse(host, out var address))
        {
            return false;
        }
        var port = via.Parameters["rport"] is { } rport && int.TryParse(rport, NumberStyles.None, CultureInfo.InvariantCulture, out var p)
            ? p
            : via.Port ?? SipResponseRouting.DefaultPort;
        flow = new SipFlow(via.Transport, new IPEndPoint(address, port));
        return true;
    }
}
