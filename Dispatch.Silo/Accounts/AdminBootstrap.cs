using System.Security.Cryptography;
using Dispatch.Contracts.Accounts;
using Dispatch.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dispatch.Silo.Accounts;

/// <summary>
/// Without demo data, the first start creates the "admin" login: its password comes from
/// Dispatch:AdminPassword, or is generated and written to the data folder (owner-only) once.
/// </summary>
public sealed partial class AdminBootstrap(
    IGrainFactory grains,
    IOptions<DispatchOptions> options,
    IConfiguration configuration,
    ILogger<AdminBootstrap> logger)
{
    public const string AdminLogin = "admin";
    private const string PasswordFile = "initial-admin-password.txt";

    public async Task EnsureAdmin(CancellationToken cancellationToken)
    {
        var account = grains.GetGrain<IAccountGrain>(AdminLogin);
        if (await account.Get() is not null)
        {
            return;
        }
        var password = configuration["Dispatch:AdminPassword"];
        if (string.IsNullOrEmpty(password))
        {
            password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(15));
            var folder = Path.GetFullPath(options.Value.DataFolder);
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, PasswordFile);
            await File.WriteAllTextAsync(path, password + "\n", cancellationToken);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            LogGenerated(path);
        }
        await account.Set(new AccountRecord(AdminLogin, PasswordHasher.Hash(password), null, IsAdmin: true));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created the 'admin' login; its password is in {Path}. Change it after the first login.")]
    private partial void LogGenerated(string path);
}
