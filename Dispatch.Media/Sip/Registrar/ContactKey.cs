using Dispatch.Media.Sip.Messages;

namespace Dispatch.Media.Sip.Registrar;

/// <summary>
/// Which stored binding a Contact refers to (RFC 3261 §10.3 step 7 compares contact URIs by §19.1.4).
/// Approximation: the user part as written, everything else case-insensitive.
/// </summary>
public static class ContactKey
{
    public static string Of(SipUri uri)
    {
        var text = uri.ToString();
        var at = text.IndexOf('@', StringComparison.Ordinal);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var hostStart = at >= 0 ? at + 1 : colon + 1;
        // One string: the scheme and everything after the userinfo lower-cased, the userinfo copied as written.
        return string.Create(text.Length, (text, colon, hostStart), static (key, parts) =>
        {
            var (text, colon, hostStart) = parts;
            text.AsSpan(0, colon).ToLowerInvariant(key);
            text.AsSpan(colon, hostStart - colon).CopyTo(key[colon..]);
            text.AsSpan(hostStart).ToLowerInvariant(key[hostStart..]);
        });
    }

    /// <summary>The key of a stored contact value (a name-addr as written by the registrar).</summary>
    public static string OfStored(string contact) =>
        SipNameAddress.TryParse(contact, out var address) ? Of(address.Uri) : contact;
}
