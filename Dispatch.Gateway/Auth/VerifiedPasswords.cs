using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Dispatch.Silo.Accounts;

namespace Dispatch.Gateway.Auth;

/// <summary>
/// Remembers, per process, that a password matched a stored PBKDF2 hash, so that a phone logging
/// in again (or thousands of demo devices sharing one demo hash) costs a SHA-256 instead of 100,000
/// PBKDF2 rounds. Only successes are kept, keyed by a digest of hash and password (never the
/// password), and the set is bounded; a changed password changes the stored hash, so it misses.
/// </summary>
public sealed class VerifiedPasswords
{
    private const int Capacity = 20_000;
    private readonly ConcurrentDictionary<string, byte> _verified = new(StringComparer.Ordinal);

    public bool Verify(string password, string storedHash)
    {
        var key = Key(password, storedHash);
        if (_verified.ContainsKey(key))
        {
            return true;
        }
        if (!PasswordHasher.Verify(password, storedHash))
        {
            return false;
        }
        if (_verified.Count >= Capacity)
        {
            _verified.Clear();
        }
        _verified.TryAdd(key, 0);
        return true;
    }

    private static string Key(string password, string storedHash) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(storedHash + "\n" + password)));
}
