using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Dispatch.Media.Sip.Messages;
using Dispatch.Media.Sip.Transactions.Internal;

namespace Dispatch.Media.Sip.Transactions;

/// <summary>
/// The SIP transaction layer (RFC 3261 §17), sans-I/O. Feed it with <see cref="Receive"/> (a parsed message
/// and where it came from), <see cref="SendRequest"/> / <see cref="ServerTransaction.Respond"/> (from the
/// transaction user) and <see cref="HandleTimeout"/> (whenever the clock reaches <see cref="NextTimeout"/>);
/// then drain <see cref="TryPollOutput"/> until empty: messages to send and events for the user.
/// <code>
///   datagram ─► parser ─► Receive ─┐                       ┌─► SipSendMessage ─► socket
///   TU ─► SendRequest / Respond ───┼─► transactions ─► queue ┤
///   clock ─► HandleTimeout ────────┘                       └─► SipRequestReceived / SipResponseReceived / TimedOut ─► TU
/// </code>
/// </summary>
public sealed class SipTransactionLayer : ISipTransactionHost
{
    private readonly TimeProvider _time;
    private readonly Dictionary<string, ClientTransaction> _clients = [];
    private readonly Dictionary<string, ServerTransaction> _servers = [];
    private readonly Queue<SipTransactionOutput> _outputs = new();

    /// <summary>
    /// Every started timer by deadline, so a tick costs O(log n) per due timer instead of a scan of every
    /// transaction (a UDP registrar holds each finished REGISTER transaction for Timer J, 32 s: tens of thousands).
    /// Entries of stopped timers and terminated transactions are stale and skipped when they come up.
    /// </summary>
    private readonly PriorityQueue<SipTransaction, DateTimeOffset> _deadlines = new();

    public SipTransactionLayer(TimeProvider time, SipTimerSettings? timers = null)
    {
        _time = time;
        Timers = timers ?? SipTimerSettings.Default;
    }

    public SipTimerSettings Timers { get; }

    public int ClientCount => _clients.Count;

    public int ServerCount => _servers.Count;

    DateTimeOffset ISipTransactionHost.Now => _time.GetUtcNow();

    /// <summary>The earliest timer deadline of any transaction, or null when none is running.</summary>
    public DateTimeOffset? NextTimeout
    {
        get
        {
            while (_deadlines.TryPeek(out var transaction, out var due))
            {
                if (transaction.HasTimerDueAt(due))
                {
                    return due;
                }
                _deadlines.Dequeue();
            }
            return null;
        }
    }

    /// <summary>A new branch with the RFC 3261 magic cookie (§8.1.1.7).</summary>
    public static string NewBranch() => SipVia.MagicCookie + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));

    /// <summary>
    /// Starts a client transaction for a request whose top Via already carries a unique branch.
    /// ACK is not sent through a transaction (RFC 3261 §17.1.1.3: the TU sends the ACK for 2xx directly).
    /// </summary>
    public ClientTransaction SendRequest(SipRequest request, SipDestination destination)
    {
        if (request.Method == "ACK")
        {
            throw new ArgumentException("ACK is sent by the transaction user, not through a client transaction.", nameof(request));
        }
        var key = SipTransactionKey.ForClient(request)
            ?? throw new ArgumentException("The request needs a top Via with a branch and a CSeq.", nameof(request));
        if (_clients.ContainsKey(key))
        {
            throw new InvalidOperationException($"A client transaction with branch {request.TopVia?.Branch} already exists.");
        }
        ClientTransaction transaction = request.Method == "INVITE"
            ? new ClientInviteTransaction(this, key, request, destination)
            : new ClientNonInviteTransaction(this, key, request, destination);
        _clients.Add(key, transaction);
        transaction.Start();
        return transaction;
    }

    /// <summary>A parsed message from the transport. Unmatched responses are dropped (RFC 3261 §18.1.2).</summary>
    public void Receive(SipMessage message, SipDestination source)
    {
        if (message is SipResponse response)
        {
            if (SipTransactionKey.ForClient(response) is { } key && _clients.TryGetValue(key, out var client))
            {
                client.OnResponse(response);
            }
            return;
        }
        var request = (SipRequest)message;
        var serverKey = SipTransactionKey.ForServer(request, source);
        if (serverKey is null)
        {
            return;
        }
        if (_servers.TryGetValue(serverKey, out var existing))
        {
            existing.OnRequest(request);
            return;
        }
        if (request.Method == "ACK")
        {
            _outputs.Enqueue(new SipRequestReceived(null, request, source));
            return;
        }
        ServerTransaction transaction;
        if (request.Method == "INVITE")
        {
            var invite = new ServerInviteTransaction(this, serverKey, request, source);
            transaction = invite;
            _servers.Add(serverKey, transaction);
            invite.Start();
        }
        else
        {
            var nonInvite = new ServerNonInviteTransaction(this, serverKey, request, source);
            transaction = nonInvite;
            _servers.Add(serverKey, transaction);
            nonInvite.Start();
        }
        _outputs.Enqueue(new SipRequestReceived(transaction, request, source));
    }

    /// <summary>RFC 3261 §9.2: the INVITE server transaction a CANCEL refers to (same branch, sent-by and flow).</summary>
    public bool TryFindCancelledInvite(ServerTransaction cancel, [NotNullWhen(true)] out ServerTransaction? invite)
    {
        invite = null;
        var marker = "|CANCEL|";
        var at = cancel.Id.LastIndexOf(marker, StringComparison.Ordinal);
        return cancel.Request.Method == "CANCEL" && at >= 0
            && _servers.TryGetValue(cancel.Id[..at] + "|INVITE|" + cancel.Id[(at + marker.Length)..], out invite);
    }

    /// <summary>Fires every timer whose deadline has passed on the injected clock.</summary>
    public void HandleTimeout()
    {
        var now = _time.GetUtcNow();
        while (_deadlines.TryPeek(out var transaction, out var due) && due <= now)
        {
            _deadlines.Dequeue();
            if (transaction.HasTimerDueAt(due))
            {
                transaction.FireDueTimers(now);
            }
        }
    }

    public bool TryPollOutput([NotNullWhen(true)] out SipTransactionOutput? output) => _outputs.TryDequeue(out output);

    void ISipTransactionHost.Send(SipMessage message, SipDestination destination, byte[]? serialized) =>
        _outputs.Enqueue(new SipSendMessage(message, destination) { Serialized = serialized });

    void ISipTransactionHost.SendBytes(byte[] bytes, SipDestination destination) => _outputs.Enqueue(new SipSendBytes(bytes, destination));

    void ISipTransactionHost.Emit(SipTransactionOutput output) => _outputs.Enqueue(output);

    void ISipTransactionHost.OnTimerStarted(SipTransaction transaction, DateTimeOffset due) => _deadlines.Enqueue(transaction, due);

    void ISipTransactionHost.OnTerminated(SipTransaction transaction)
    {
        if (transaction is ClientTransaction)
        {
            _clients.Remove(transaction.Id);
        }
        else
        {
            _servers.Remove(transaction.Id);
        }
        _outputs.Enqueue(new SipTransactionTerminated(transaction));
    }
}
