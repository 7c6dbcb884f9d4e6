using System.Net;
using Dispatch.Media.Sip.Messages;

namespace Dispatch.Media.Sip.Calls;

/// <summary>
/// One registered contact: the URI that becomes the fork's Request-URI, and the address the INVITE goes to, which is
/// where the REGISTER came from when that is known (phones behind NAT register private addresses in Contact).
/// </summary>
public sealed record SipContactTarget(SipUri Contact, IPEndPoint Destination);
