using System.Security.Cryptography;
using System.Text;
using Dispatch.Contracts.Org;

namespace Dispatch.Silo.Grid;

/// <summary>
/// RFC 7616 §3.4.2: HA1 = H(username ":" realm ":" password), as lowercase hex, for the two
/// algorithms the registrar offers (MD5 for old desk phones, SHA-256 for the rest).
/// </summary>
public static class DigestHa1
{
    /// <summary>The digest realm of every Dispatch registrar.</summary>
    public const string Realm = "dispatch";

    public static string Md5(string username, string realm, string password) =>
        Convert.ToHexStringLower(MD5.HashData(Input(username, realm, password)));

    public static string Sha256(string username, string realm, string password) =>
        Convert.ToHexStringLower(SHA256.HashData(Input(username, realm, password)));

    /// <summary>The stored credential of one device: both hashes, never the password.</summary>
    public static SipDeviceCredential Credential(string deviceId, string username, string password, string realm = Realm) =>
        new(deviceId, username, realm, Md5(username, realm, password), Sha256(username, realm, password));

    private static byte[] Input(string username, string realm, string password) =>
        Encoding.UTF8.GetBytes($"{username}:{realm}:{password}");
}
