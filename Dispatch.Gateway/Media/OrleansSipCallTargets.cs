using System.Net;
using Dispatch.Contracts.Sip;
using Dispatch.Media.Sip.Calls;
using Dispatch.Media.Sip.Messages;
using Dispatch.Media.Sip.Transport;

namespace Dispatch.Gateway.Media;

/// <summary>
/// Call targets on grains: the Request-URI user is a SIP username, which for demo and imported workers is the
/// worker's phone number (the username index, <see cref="ISipAccountGrain"/>); the contacts are the worker's
/// unexpired bindings (<see cref="ISipBindingsGrain"/>).
/// </summary>
public sealed class OrleansSipCallTargets(IGrainFactory grains, TimeProvider clock) : ISipCallTargets
{
    public async ValueTask<SipCallTarget?> Resolve(string user)
    {
        var account = await grains.GetGrain<ISipAccountGrain>(user).Get();
        if (account is null)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        var bindings = await grains.GetGrain<ISipBindingsGrain>(account.WorkerId).Get();
        var contacts = bindings.Bindings.Where(b => b.Expires > now).Select(ToTarget).OfType<SipContactTarget>().ToList();
        return new SipCallTarget(account.WorkerId, contacts);
    }

    /// <summary>
    /// Where the fork goes. A Contact whose IP is the address the REGISTER came from is used as written (the phone
    /// said where it listens, and nothing rewrote its address). Otherwise the phone is behind NAT, or its Contact is not
    /// an IP: the INVITE goes where the REGISTER came from (its Via as stored, with received and rport, RFC 3581).
    /// </summary>
    internal static SipContactTarget? ToTarget(SipBinding binding)
    {
        if (!SipNameAddress.TryParse(binding.Contact, out var contact))
        {
            return null;
        }
        IPAddress.TryParse(contact.Uri.Host.Trim('[', ']'), out var contactAddress);
        var direct = contactAddress is null ? null : new IPEndPoint(contactAddress, contact.Uri.Port ?? SipResponseRouting.DefaultPort);
        if (!SipVia.TryParse(binding.Source, out var via) || via.Transport != "UDP"
            || !IPAddress.TryParse(via.Received ?? via.Host.Trim('[', ']'), out var sourceAddress))
        {
            return direct is null ? null : new SipContactTarget(contact.Uri, direct);
        }
        if (direct is not null && direct.Address.Equals(sourceAddress))
        {
            return new SipContactTarget(contact.Uri, direct);
        }
        var port = via.Parameters["rport"] is { } rport && int.TryParse(rport, out var p) ? p : via.Port ?? SipResponseRouting.DefaultPort;
        return new SipContactTarget(contact.Uri, new IPEndPoint(sourceAddress, port));
    }
}
