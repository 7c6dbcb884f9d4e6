namespace Dispatch.Media.WebRtc.Srtp;

/// <summary>
/// The SRTP key derivation function (RFC 3711 §4.3.1) with key_derivation_rate 0, the only rate DTLS-SRTP
/// uses (RFC 5764 §4.1.2): x = (label || 0^48) XOR master_salt, session key = AES-CM(master_key, x * 2^16).
/// </summary>
public static class SrtpKeyDerivation
{
    /// <summary>RFC 3711 §4.3.2 labels.</summary>
    public const byte RtpEncryption = 0x00;
    public const byte RtpAuthentication = 0x01;
    public const byte RtpSalt = 0x02;
    public const byte RtcpEncryption = 0x03;
    public const byte RtcpAuthentication = 0x04;
    public const byte RtcpSalt = 0x05;

    public static void Derive(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt, byte label, Span<byte> output)
    {
        // The PRF input is a 112-bit value; AEAD profiles have a 96-bit master salt, which is zero-extended
        // on the right (as RFC 7714 §11 keeps the RFC 3711 KDF unchanged and libsrtp pads the same way).
        Span<byte> iv = stackalloc byte[16];
        iv.Clear();
        masterSalt[..Math.Min(14, masterSalt.Length)].CopyTo(iv);
        // key_id = label || r (48 bits, zero for kdr 0) sits in the low 56 bits of the 112-bit salt.
        iv[7] ^= label;
        using var ctr = new AesCounterMode(masterKey, output.Length);
        output.Clear();
        ctr.Apply(iv, output);
    }

    public static byte[] Derive(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt, byte label, int length)
    {
        var output = new byte[length];
        Derive(masterKey, masterSalt, label, output);
        return output;
    }
}
