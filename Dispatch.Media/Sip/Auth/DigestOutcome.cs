namespace Dispatch.Media.Sip.Auth;

/// <summary>The result of checking a request's Digest credentials. Anything but <see cref="Authenticated"/> gets a new challenge.</summary>
public enum DigestOutcome
{
    Authenticated,
    MissingCredentials,
    Malformed,
    UnknownUser,
    WrongResponse,
    UnknownNonce,

    /// <summary>Right password, expired nonce: challenge with stale=TRUE so the phone retries without asking its user.</summary>
    StaleNonce,
    Replayed,
}

public sealed record DigestVerification(DigestOutcome Outcome, string? Username = null)
{
    public bool IsAuthenticated => Outcome == DigestOutcome.Authenticated;
}
