using System.Net;
using Dispatch.Media.Sip.Messages;

namespace Dispatch.Media.Sip.Transport;

/// <summary>Where a response to a request goes over UDP (RFC 3261 §18.2.2, RFC 3581 §4).</summary>
public static class SipResponseRouting
{
    public const int DefaultPort = 5060;

    /// <summary>
    /// With <paramref name="symmetric"/> (Dispatch's default) the response goes back to the packet's source
    /// address and port, as RFC 3581 rport asks, whether or not the client asked: phones behind NAT can only be
    /// reached there. Otherwise RFC 3261 §18.2.2: received (or sent-by) address, rport or sent-by port.
    /// </summary>
    public static IPEndPoint Resolve(SipVia? topVia, IPEndPoint source, bool symmetric)
    {
        if (symmetric || topVia is null)
        {
            return source;
        }
        var address = topVia.Received is { } received && IPAddress.TryParse(received, out var r) ? r : source.Address;
        if (topVia.Parameters["rport"] is { } rport && int.TryParse(rport, out var port))
        {
            return new IPEndPoint(address, port);
        }
        return new IPEndPoint(address, topVia.Port ?? DefaultPort);
    }
}
