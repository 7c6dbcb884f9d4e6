using System.Net;
using Dispatch.Media.Sip.Messages;
using Dispatch.Media.Sip.Messages.Internal;

namespace Dispatch.Media.Sip.Transport;

/// <summary>
/// What a server transport does to the top Via of a received request (RFC 3261 §18.2.1, RFC 3581 §4):
/// add <c>received</c> when the packet came from another address than sent-by names, and fill an empty
/// <c>rport</c> with the source port (then <c>received</c> is always added).
/// On a connection (TCP, WS) both are always stamped, as Kamailio's <c>force_rport</c> does for WebSocket clients:
/// the top Via, which the registrar keeps as a binding's source, then names the flow the client can be reached
/// over (RFC 7118 §5.2, RFC 5626 §5.2), even when the client did not ask for rport.
/// </summary>
public static class SipViaStamp
{
    public static void Apply(SipHeaders headers, IPEndPoint source, bool connection = false)
    {
        var index = headers.IndexOf(SipHeaderNames.Via);
        if (index < 0)
        {
            return;
        }
        // The line's parsed Vias (shared with the message's accessors): stamped in place, then stored with the new text.
        var vias = headers.ViasAt(index);
        List<string>? elements = null;
        SipVia? top;
        if (vias is [var parsedTop, ..])
        {
            top = parsedTop;
        }
        else
        {
            elements = SipSyntax.SplitList(headers.FieldAt(index).Value);
            if (!SipVia.TryParse(elements[0], out top))
            {
                return;
            }
        }
        var sourceIp = source.Address.IsIPv4MappedToIPv6 ? source.Address.MapToIPv4() : source.Address;
        var wantsRport = connection || (top.HasRport && top.Parameters["rport"] is null);
        var sentByIsSource = IPAddress.TryParse(top.Host.AsSpan().Trim("[]"), out var sentByIp) && sentByIp.Equals(sourceIp);
        if (sentByIsSource && !wantsRport)
        {
            return; // nothing to add: the field keeps its received text (and its parsed Vias)
        }
        top.Parameters.Set("received", sourceIp.ToString());
        if (wantsRport)
        {
            top.Parameters.Set("rport", source.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        if (vias is { Length: 1 })
        {
            headers.ReplaceFirst(SipHeaderNames.Via, top.ToString(), vias);
            return;
        }
        elements ??= SipSyntax.SplitList(headers.FieldAt(index).Value);
        elements[0] = top.ToString();
        headers.ReplaceFirst(SipHeaderNames.Via, string.Join(", ", elements), vias);
    }
}
