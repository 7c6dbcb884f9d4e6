using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Dispatch.Media.Sip.Messages;
using Dispatch.Media.Sip.Messages.Internal;
using Dispatch.Media.Sip.Server;

namespace Dispatch.Media.Sip.Registrar;

/// <summary>
/// What a REGISTER asks for (RFC 3261 §10.2): nothing (a query), remove everything (<c>Contact: *</c>), or a list
/// of contacts each with the lifetime the registrar grants (§10.3 step 7: the Contact's expires parameter, else the
/// Expires header field, else the default; non-zero requests below the minimum get 423, longer ones are capped).
/// </summary>
public sealed record RegistrationRequest(bool RemoveAll, IReadOnlyList<RequestedContact> Contacts)
{
    public bool IsQuery => !RemoveAll && Contacts.Count == 0;

    public static bool TryRead(SipRequest request, SipRegistrarOptions options,
        [NotNullWhen(true)] out RegistrationRequest? registration, [NotNullWhen(false)] out SipRejection? rejection)
    {
        registration = null;
        rejection = null;
        if (ParsedContacts(request) is { } parsed)
        {
            return TryGrant(parsed, request, options, out registration, out rejection);
        }
        var elements = request.Headers.Elements(SipHeaderNames.Contact).Select(e => e.Trim()).ToList();
        if (elements.Contains("*"))
        {
            // §10.2.2: "*" only alone and only with Expires: 0.
            if (elements.Count != 1 || request.Headers[SipHeaderNames.Expires]?.Trim() != "0")
            {
                rejection = SipRejection.BadRequest("Contact * needs Expires: 0 and no other Contact");
                return false;
            }
            registration = new RegistrationRequest(true, []);
            return true;
        }
        var addresses = elements.Select(e => SipNameAddress.TryParse(e, out var address) ? address : null).ToList();
        return TryGrant(addresses, request, options, out registration, out rejection);
    }

    /// <summary>
    /// Every Contact as the parser already read it, when each field is a clean address list (so no "*" and no
    /// element to reject); null sends the request through the element-by-element reading.
    /// </summary>
    private static List<SipNameAddress?>? ParsedContacts(SipRequest request)
    {
        var addresses = new List<SipNameAddress?>(1);
        for (var i = request.Headers.IndexOf(SipHeaderNames.Contact); i >= 0; i = request.Headers.IndexOf(SipHeaderNames.Contact, i + 1))
        {
            if (request.Headers.NameAddressesAt(i) is not { } parsed)
            {
                return null;
            }
            addresses.AddRange(parsed);
        }
        return addresses;
    }

    /// <summary>§10.3 step 7: the lifetime each contact gets, or 400 (null: a Contact that did not parse) / 423, in Contact order.</summary>
    private static bool TryGrant(List<SipNameAddress?> addresses, SipRequest request, SipRegistrarOptions options,
        [NotNullWhen(true)] out RegistrationRequest? registration, [NotNullWhen(false)] out SipRejection? rejection)
    {
        registration = null;
        rejection = null;
        var headerExpires = request.Expires;
        var contacts = new List<RequestedContact>(addresses.Count);
        foreach (var address in addresses)
        {
            if (address is null || !address.Uri.IsSip)
            {
                rejection = SipRejection.BadRequest("Invalid Contact");
                return false;
            }
            var seconds = ExpiresParameter(address) ?? headerExpires ?? (int)options.DefaultExpires.TotalSeconds;
            if (seconds > 0 && seconds < options.MinExpires.TotalSeconds)
            {
                // §10.3 step 7, §21.4.17: 423 with the shortest interval we accept.
                rejection = new SipRejection(423, "Interval Too Brief")
                {
                    ExtraHeaders = [new SipHeaderField("Min-Expires", ((int)options.MinExpires.TotalSeconds).ToString(CultureInfo.InvariantCulture))],
                };
                return false;
            }
            seconds = Math.Min(seconds, (int)options.MaxExpires.TotalSeconds);
            contacts.Add(new RequestedContact(Stored(address), ContactKey.Of(address.Uri), seconds));
        }
        registration = new RegistrationRequest(false, contacts);
        return true;
    }

    /// <summary>§20.10: a malformed expires parameter is ignored (the header field or the default applies).</summary>
    private static int? ExpiresParameter(SipNameAddress address) =>
        address.Parameters["expires"] is { } value && uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? (int)Math.Min(n, int.MaxValue)
            : null;

    /// <summary>The Contact as stored with the binding: the name-addr and its parameters except <c>expires</c>.</summary>
    private static string Stored(SipNameAddress address) => address.ToString(except: "expires");
}
