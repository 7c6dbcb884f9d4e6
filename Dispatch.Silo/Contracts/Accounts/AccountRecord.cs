namespace Dispatch.Contracts.Accounts;

/// <summary>A login: the name a person types, the password hash, and who it is.</summary>
/// <param name="PasswordHash">PBKDF2 hash in the form produced by the gateway's password hasher.</param>
/// <param name="WorkerId">The person behind the login; null only for a pure administrator.</param>
[GenerateSerializer, Immutable]
public sealed record AccountRecord(
    [property: Id(0)] string LoginName,
    [property: Id(1)] string PasswordHash,
    [property: Id(2)] string? WorkerId,
    [property: Id(3)] bool IsAdmin);
