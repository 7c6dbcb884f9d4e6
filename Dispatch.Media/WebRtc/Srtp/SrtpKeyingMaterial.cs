namespace Dispatch.Media.WebRtc.Srtp;

/// <summary>
/// Splits the DTLS exporter output ("EXTRACTOR-dtls_srtp") into the two directions' master keys
/// (RFC 5764 §4.2):
/// <code>
/// client_write_SRTP_master_key | server_write_SRTP_master_key |
/// client_write_SRTP_master_salt | server_write_SRTP_master_salt
/// </code>
/// The DTLS client protects with the client keys; the DTLS server with the server keys.
/// </summary>
public static class SrtpKeyingMaterial
{
    /// <summary>How many bytes to export for <paramref name="profile"/>: 2 * (key + salt).</summary>
    public static int LengthFor(SrtpProfile profile)
    {
        var p = SrtpProfileParameters.Of(profile);
        return 2 * (p.KeyLength + p.SaltLength);
    }

    public static (SrtpMasterKey Client, SrtpMasterKey Server) Split(SrtpProfile profile, ReadOnlySpan<byte> exported)
    {
        var p = SrtpProfileParameters.Of(profile);
        if (exported.Length != LengthFor(profile))
        {
            throw new ArgumentException($"{profile} needs {LengthFor(profile)} bytes of keying material, got {exported.Length}.", nameof(exported));
        }
        var k = p.KeyLength;
        var s = p.SaltLength;
        var client = new SrtpMasterKey(exported[..k].ToArray(), exported.Slice(2 * k, s).ToArray());
        var server = new SrtpMasterKey(exported.Slice(k, k).ToArray(), exported.Slice(2 * k + s, s).ToArray());
        return (client, server);
    }
}
