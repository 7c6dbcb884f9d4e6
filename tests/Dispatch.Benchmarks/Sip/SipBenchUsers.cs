using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dispatch.Silo.Grid.Demo;

namespace Dispatch.Benchmarks.Sip;

/// <summary>
/// <c>dotnet Dispatch.Benchmarks.dll sip-users FOLDER</c>: the demo county's desk-phone credentials for
/// register-rate.sh, written twice: a sipp injection file (users.csv) and Kamailio's db_text tables (subscriber,
/// version; HA1 precomputed as Dispatch keeps it), so both registrars check the same credentials.
/// </summary>
public static class SipBenchUsers
{
    public static int Write(string folder)
    {
        Directory.CreateDirectory(folder);
        var phones = DemoTreeGenerator.Generate().SipDevices.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => (Username: kv.Value[0].Username, Password: DemoSipDevices.DemoSipPassword(kv.Key)))
            .ToList();
        File.WriteAllLines(Path.Combine(folder, "users.csv"),
            ["SEQUENTIAL", .. phones.Select(p => $"{p.Username};[authentication username={p.Username} password={p.Password}]")]);
        File.WriteAllLines(Path.Combine(folder, "subscriber"),
            ["id(int,auto) username(string) domain(string) password(string) ha1(string) ha1b(string) ",
             .. phones.Select((p, i) => string.Create(CultureInfo.InvariantCulture, $"{i + 1}:{p.Username}:dispatch:{p.Password}:{Ha1(p.Username, p.Password)}:{Ha1(p.Username + "@dispatch", p.Password)}"))]);
        File.WriteAllLines(Path.Combine(folder, "version"),
            ["id(int,auto) table_name(string) table_version(int) ", "1:subscriber:7", "2:location:9"]);
        return phones.Count;
    }

    /// <summary>MD5(username:realm:password) (RFC 7616 §3.4.2), precomputed as Dispatch stores it.</summary>
#pragma warning disable CA5351 // The digest algorithm SIP phones speak.
    private static string Ha1(string username, string password) =>
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes($"{username}:dispatch:{password}")));
#pragma warning restore CA5351
}
