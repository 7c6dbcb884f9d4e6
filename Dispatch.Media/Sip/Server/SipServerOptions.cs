using Dispatch.Media.Sip.Auth;
using Dispatch.Media.Sip.Messages;
using Dispatch.Media.Sip.Transactions;

namespace Dispatch.Media.Sip.Server;

public sealed record SipServerOptions
{
    public SipParserOptions Parser { get; init; } = SipParserOptions.Default;

    public SipValidatorOptions Validation { get; init; } = new();

    public SipTimerSettings Timers { get; init; } = SipTimerSettings.Default;

    /// <summary>Answer to the datagram's source address and port (see <see cref="Transport.SipResponseRouting"/>).</summary>
    public bool SymmetricResponses { get; init; } = true;

    /// <summary>When set, 401 responses carry its Digest challenges.</summary>
    public DigestAuthenticator? Authenticator { get; init; }

    /// <summary>
    /// The transaction user: answers a validated request, or returns null to let the minimal UAS answer
    /// (see <see cref="MinimalUas"/>). Later issues plug the registrar and the B2BUA in here.
    /// </summary>
    public Func<SipRequest, SipResponse?>? Handler { get; init; }

    public string ServerName { get; init; } = "Dispatch";
}
