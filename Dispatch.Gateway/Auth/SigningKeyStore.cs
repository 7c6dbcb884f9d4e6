using System.Security.Cryptography;
using Dispatch.Silo.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Dispatch.Gateway.Auth;

/// <summary>
/// The token-signing key: generated on first start and kept in the data folder (readable only by
/// the owner), so no secret lives in the repository and tokens stay valid across restarts.
/// In cluster mode every gateway must share the folder or the key file (Dispatch:SigningKeyFile).
/// </summary>
public sealed class SigningKeyStore
{
    private const string FileName = "token-signing.key";

    public SigningKeyStore(IOptions<DispatchOptions> options, IConfiguration configuration, ILogger<SigningKeyStore> logger)
    {
        var path = configuration["Dispatch:SigningKeyFile"] ?? Path.Combine(Path.GetFullPath(options.Value.DataFolder), FileName);
        Key = new SymmetricSecurityKey(LoadOrCreate(path, logger));
    }

    public SymmetricSecurityKey Key { get; }

    private static byte[] LoadOrCreate(string path, ILogger logger)
    {
        if (File.Exists(path))
        {
            var existing = Convert.FromBase64String(File.ReadAllText(path).Trim());
            if (existing.Length >= 32)
            {
                return existing;
            }
            throw new InvalidOperationException($"The token-signing key in {path} is shorter than 256 bits; delete it to generate a new one.");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(32);
        var temp = path + ".tmp";
        File.WriteAllText(temp, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        try
        {
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another gateway process sharing the folder won the race: use its key.
            File.Delete(temp);
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
        logger.LogInformation("Generated a new token-signing key at {Path}", path);
        return key;
    }
}
