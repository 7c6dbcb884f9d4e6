namespace Dispatch.Media.WebRtc.Dtls;

/// <summary>
/// SRTP master keys and salts exported from a DTLS-SRTP handshake, per direction.
/// "Client" and "server" are the DTLS roles, not the SDP offerer and answerer.
/// </summary>
public sealed record SrtpKeyingMaterial(
    DtlsSrtpProfile Profile,
    byte[] ClientWriteKey,
    byte[] ServerWriteKey,
    byte[] ClientWriteSalt,
    byte[] ServerWriteSalt)
{
    /// <summary>RFC 5764 §4.2: the exporter label for DTLS-SRTP keying material.</summary>
    public const string ExporterLabel = "EXTRACTOR-dtls_srtp";

    /// <summary>Bytes to export for <paramref name="profile"/>: 2 * (key + salt).</summary>
    public static int ExportLength(DtlsSrtpProfile profile) =>
        2 * (profile.MasterKeyLength() + profile.MasterSaltLength());

    /// <summary>
    /// Splits exported keying material in the order of RFC 5764 §4.2:
    /// client_write_SRTP_master_key | server_write_SRTP_master_key |
    /// client_write_SRTP_master_salt | server_write_SRTP_master_salt.
    /// </summary>
    public static SrtpKeyingMaterial Split(DtlsSrtpProfile profile, ReadOnlySpan<byte> exported)
    {
        var keyLength = profile.MasterKeyLength();
        var saltLength = profile.MasterSaltLength();
        if (exported.Length != 2 * (keyLength + saltLength))
        {
            throw new ArgumentException(
                $"{profile.WireName()} needs {2 * (keyLength + saltLength)} bytes of keying material, got {exported.Length}.",
                nameof(exported));
        }
        return new SrtpKeyingMaterial(
            profile,
            exported[..keyLength].ToArray(),
            exported.Slice(keyLength, keyLength).ToArray(),
            exported.Slice(2 * keyLength, saltLength).ToArray(),
            exported.Slice(2 * keyLength + saltLength, saltLength).ToArray());
    }

    /// <summary>Key and salt this side protects outgoing SRTP with.</summary>
    public (byte[] Key, byte[] Salt) Local(DtlsRole role) =>
        role == DtlsRole.Client ? (ClientWriteKey, ClientWriteSalt) : (ServerWriteKey, ServerWriteSalt);

    /// <summary>Key and salt this side unprotects incoming SRTP with.</summary>
    public (byte[] Key, byte[] Salt) Remote(DtlsRole role) =>
        role == DtlsRole.Client ? (ServerWriteKey, ServerWriteSalt) : (ClientWriteKey, ClientWriteSalt);
}
