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
    /// (see <see cref="MinimalUas"/>). The registrar and later the B2BUA plug in here. An answer that is not
    /// ready at once (a grain call) leaves the core as <see cref="SipPendingAnswer"/> for the host to await.
    /// </summary>
    public Func<SipRequest, ValueTask<SipResponse?>>? Handler { get; init; }

    /// <summary>
    /// A stateful transaction user (the B2BUA) that sees requests before <see cref="Handler"/> does, and the responses
    /// and timeouts of the requests it sends. It attaches to one core only: give other transports options without it.
    /// </summary>
    public ISipTransactionUser? TransactionUser { get; init; }

    public string ServerName { get; init; } = "Dispatch";

    /// <summary>
    /// Write outgoing messages into arrays rented from <see cref="System.Buffers.ArrayPool{T}"/> instead of fresh ones
    /// (one array less per answer). Only for a host that sends each <see cref="SipDatagram"/> before it returns and
    /// then calls <see cref="SipDatagram.Release"/>: the UDP host does.
    /// </summary>
    public bool PooledDatagrams { get; init; }
}
