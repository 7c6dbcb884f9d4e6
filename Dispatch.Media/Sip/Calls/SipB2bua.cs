using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Dispatch.Media.Sip.Calls.Internal;
using Dispatch.Media.Sip.Messages;
using Dispatch.Media.Sip.Server;
using Dispatch.Media.Sip.Transactions;

namespace Dispatch.Media.Sip.Calls;

/// <summary>
/// The back-to-back user agent (RFC 3261 §6, RFC 7092): a UAS toward the caller and one UAC per registered contact
/// of the called worker, forked in parallel. Sans-I/O: it runs inside a <see cref="SipServerCore"/> as its
/// <see cref="ISipTransactionUser"/>, on the core's clock; the only other input is work queued by
/// <see cref="Originate"/>, <see cref="HangUp"/> and finished target lookups, taken on the core's next tick.
/// <code>
///   caller ─INVITE─► [UAS] ─► targets.Resolve(user) ─► [UAC] ─INVITE─► phone 1, phone 2 ... (same Call-ID, own branches)
///          ◄─180/183── relay ◄───────────────────────────────────────── 18x
///          ◄─200────── first 2xx wins: ACK it, CANCEL the other forks (ACK + BYE a late 2xx)
///          ──ACK─────► (late offer: the winner's ACK carries the caller's answer)
///          ──BYE─────► 200, BYE to the other side (either direction)
///   all forks failed ─► 486 if any was busy, 480 / 408 otherwise; no contact ─► 480; ring timeout ─► 408 + CANCELs
///   CANCEL from the caller ─► 200, 487 to the INVITE, CANCEL to the forks
/// </code>
/// Session bodies pass through <see cref="ISipMediaHook"/>. Calls arrive over the UDP core only.
/// </summary>
public sealed partial class SipB2bua : ISipTransactionUser
{
    private readonly ISipCallTargets _targets;
    private readonly TimeProvider _time;
    private readonly SipB2buaOptions _options;
    private readonly ISipMediaHook _media;
    private readonly Action<SipCallEvent>? _events;
    private readonly ConcurrentQueue<Action> _inbox = new();

    /// <summary>Calls by our call id, which is also the Call-ID of every fork.</summary>
    private readonly Dictionary<string, SipCall> _calls = new(StringComparer.Ordinal);

    /// <summary>Calls by the caller's Call-ID and From tag.</summary>
    private readonly Dictionary<string, SipCall> _byCaller = new(StringComparer.Ordinal);

    private readonly Dictionary<ServerTransaction, SipCall> _byInvite = [];
    private readonly Dictionary<ClientTransaction, CalleeLeg> _byFork = [];
    private SipServerCore? _core;

    public SipB2bua(ISipCallTargets targets, TimeProvider time, SipB2buaOptions? options = null, ISipMediaHook? media = null,
        Action<SipCallEvent>? events = null)
    {
        _targets = targets;
        _time = time;
        _options = options ?? new SipB2buaOptions();
        _media = media ?? new PassThroughMediaHook();
        _events = events;
    }

    /// <summary>
    /// The address in the B2BUA's Via and Contact header fields: the SIP socket's address as phones reach it. The host
    /// sets it once the socket is bound.
    /// </summary>
    public IPEndPoint LocalEndPoint { get; set; } = new(IPAddress.Loopback, 5060);

    /// <summary>Calls not yet ended (for tests and metrics; read it under the host's lock or after the calls settle).</summary>
    public int ActiveCalls => _calls.Values.Count(c => c.State != SipCallState.Ended);

    public void Attach(SipServerCore core)
    {
        if (_core is not null && _core != core)
        {
            throw new InvalidOperationException("A B2BUA serves one SIP core; give other transports options without it.");
        }
        _core = core;
    }

    private SipServerCore Core => _core ?? throw new InvalidOperationException("The B2BUA is not attached to a SIP core.");

    /// <summary>
    /// Places a call to a worker's phones (thread-safe). It starts on the core's next tick; its progress arrives as
    /// <see cref="SipCallEvent"/>s under the returned call id, the first (Routing) from the calling thread.
    /// </summary>
    public string Originate(SipOriginateRequest request)
    {
        var info = new SipCallInfo(NewCallId(), request.User, null, Originated: true);
        // Reported from the calling thread, so that the call is known as soon as its id is handed out.
        _events?.Invoke(new SipCallEvent(info, SipCallState.Routing,
            $"originated by the server for '{request.User}' as \"{request.CallerName}\"", _time.GetUtcNow()));
        _inbox.Enqueue(() => StartOriginated(info, request));
        return info.CallId;
    }

    /// <summary>Ends a call from the server side (thread-safe): BYE to both sides, or CANCEL while it rings.</summary>
    public void HangUp(string callId) => _inbox.Enqueue(() =>
    {
        if (_calls.TryGetValue(callId, out var call))
        {
            EndByServer(call);
        }
    });

    public bool OnRequest(ServerTransaction? transaction, SipRequestReceived received)
    {
        var request = received.Request;
        switch (request.Method)
        {
            case "ACK":
                OnAck(request);
                return true;
            case "INVITE" when transaction is not null && request.To?.Tag is not null:
                OnReinvite(transaction, request);
                return true;
            case "INVITE" when transaction is not null:
                OnInitialInvite(transaction, request);
                return true;
            case "BYE" when transaction is not null:
                return OnBye(transaction, request);
            case "CANCEL" when transaction is not null:
                return OnCancel(transaction);
            default:
                return false;
        }
    }

    public void OnTick()
    {
        while (_inbox.TryDequeue(out var work))
        {
            work();
        }
        var now = _time.GetUtcNow();
        foreach (var call in _calls.Values.ToList())
        {
            if (call.IsRinging && now >= call.RingDeadline)
            {
                OnRingTimeout(call);
            }
            foreach (var leg in call.Legs)
            {
                if (leg.PendingTwoHundred is { } pending && now >= pending.GiveUpAt)
                {
                    OnAckNeverCame(call, leg);
                }
                else if (leg.PendingTwoHundred is { } due && now >= due.NextSend)
                {
                    due.Resend(now);
                }
            }
            if (call.ForgetAt <= now)
            {
                Forget(call);
            }
        }
    }

    private void Emit(SipCall call, SipCallState state, string detail, int? status = null)
    {
        call.State = state;
        _events?.Invoke(new SipCallEvent(call.Info, state, detail, _time.GetUtcNow(), status));
    }

    /// <summary>Marks the call ended; its state stays a while to absorb retransmissions and late responses.</summary>
    private void End(SipCall call, int status, string detail)
    {
        if (call.State == SipCallState.Ended)
        {
            return;
        }
        Emit(call, SipCallState.Ended, detail, status);
        foreach (var leg in call.Legs)
        {
            leg.PendingTwoHundred = null;
        }
        call.ForgetAt = _time.GetUtcNow() + _options.Timers.TransactionTimeout;
        _media.OnEnded(call.Info);
    }

    private void Forget(SipCall call)
    {
        _calls.Remove(call.Id);
        if (call.Caller is { } caller)
        {
            _byCaller.Remove(CallerKey(caller.Invite.Request));
            _byInvite.Remove(caller.Invite);
        }
        foreach (var fork in call.Forks.Where(f => f.Transaction is not null))
        {
            _byFork.Remove(fork.Transaction!);
        }
    }

    private static string CallerKey(SipRequest request) => $"{request.CallId}|{request.From?.Tag}";

    private static string NewCallId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)) + "@dispatch";

    private SipVia NewVia()
    {
        var via = new SipVia("UDP", HostText, LocalEndPoint.Port, SipTransactionLayer.NewBranch());
        via.Parameters.Set("rport", null); // RFC 3581: ask for responses to our source port
        return via;
    }

    private string HostText => LocalEndPoint.Address.ToString() is var text && text.Contains(':', StringComparison.Ordinal) ? $"[{text}]" : text;

    /// <summary>Our Contact (RFC 3261 §8.1.1.8, §12.1.1): in-dialog requests come back here.</summary>
    private string ContactValue(string? user = null) => $"<sip:{user ?? _options.ContactUser}@{HostText}:{LocalEndPoint.Port}>";

    private void Send(SipRequest request, SipDestination destination) => Core.Transactions.SendRequest(request, destination);
}
