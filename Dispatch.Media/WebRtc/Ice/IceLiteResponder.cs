using System.Net;
using System.Text;
using Dispatch.Media.WebRtc.Stun;

namespace Dispatch.Media.WebRtc.Ice;

/// <summary>
/// The ICE-lite side of one WebRTC endpoint (RFC 8445 §2.5): it never sends checks, it answers the
/// peer's Binding requests, learns the nominated address from USE-CANDIDATE and tracks consent
/// (RFC 7675). Sans-I/O: give it a datagram and its source address, send back what it writes, drain
/// <see cref="TryPollEvent"/>, and call <see cref="HandleTimeout"/> at <see cref="NextTimeout"/>.
/// <code>
///  peer (full, controlling)                 IceLiteResponder (lite, controlled)
///   Binding request  USERNAME=ours:theirs ->  check FINGERPRINT, USERNAME, MESSAGE-INTEGRITY, role
///                    ICE-CONTROLLING, [USE-CANDIDATE]
///                                         <-  success: XOR-MAPPED-ADDRESS, MESSAGE-INTEGRITY, FINGERPRINT
/// </code>
/// Not thread-safe: drive it from the endpoint's loop.
/// </summary>
public sealed class IceLiteResponder
{
    /// <summary>Large enough for any response this class writes.</summary>
    public const int MaxResponseLength = 128;

    private readonly TimeProvider _time;
    private readonly ConsentFreshness _consent;
    private readonly Queue<IceEvent> _events = new();
    private readonly HashSet<IPEndPoint> _validated = [];
    private byte[] _passwordKey;

    public IceLiteResponder(IceCredentials local, string? remoteUfrag, TimeProvider time)
    {
        Local = local;
        RemoteUfrag = remoteUfrag;
        _time = time;
        _consent = new ConsentFreshness(time);
        _passwordKey = Encoding.UTF8.GetBytes(local.Password);
    }

    public IceCredentials Local { get; private set; }

    /// <summary>The peer's ufrag from its SDP; while unknown, any second half of USERNAME is accepted (RFC 8445 §7.3).</summary>
    public string? RemoteUfrag { get; set; }

    public IPEndPoint? NominatedRemote { get; private set; }

    public bool ConsentExpired => _consent.Expired;

    /// <summary>When to call <see cref="HandleTimeout"/> next, or null if no timer runs.</summary>
    public DateTimeOffset? NextTimeout => _consent.Deadline;

    public bool TryPollEvent(out IceEvent? iceEvent) => _events.TryDequeue(out iceEvent);

    /// <summary>Handles a datagram the demultiplexer classified as STUN.</summary>
    /// <param name="response">At least <see cref="MaxResponseLength"/> bytes; the response is <c>response[..responseLength]</c>.</param>
    public IceCheckResult HandleStun(ReadOnlySpan<byte> datagram, IPEndPoint remote, Span<byte> response, out int responseLength)
    {
        responseLength = 0;
        if (response.Length < MaxResponseLength)
        {
            // A caller bug, not a property of the input: fail the same way for every datagram.
            throw new ArgumentException($"The response buffer needs {MaxResponseLength} bytes.", nameof(response));
        }
        if (_consent.Expired || !StunMessage.TryParse(datagram, out var request, out _))
        {
            return IceCheckResult.Ignored;
        }
        // RFC 8445 §7.3 via RFC 8489 §7.3: a FINGERPRINT that fails means this is not STUN for us.
        if (request!.HasFingerprint && !request.VerifyFingerprint())
        {
            return IceCheckResult.Ignored;
        }
        if (request.Class != StunClass.Request)
        {
            // Indications (keepalives) and stray responses need no answer; a lite agent sends no requests.
            return IceCheckResult.Ignored;
        }
        if (request.Method != StunMessageType.BindingMethod)
        {
            return Error(request, response, StunErrorCode.BadRequest, "Only Binding is supported", authenticated: false, out responseLength);
        }
        // RFC 8489 §9.1.3: a request without USERNAME or MESSAGE-INTEGRITY gets 400.
        var username = request.Username;
        if (username is null || !request.HasMessageIntegrity)
        {
            return Error(request, response, StunErrorCode.BadRequest, "USERNAME and MESSAGE-INTEGRITY are required", authenticated: false, out responseLength);
        }
        // RFC 8445 §7.3: USERNAME is "our ufrag:their ufrag"; the key is our password (§7.2.2).
        if (!UsernameMatches(username) || !request.VerifyMessageIntegrity(_passwordKey))
        {
            return Error(request, response, StunErrorCode.Unauthorized, null, authenticated: false, out responseLength);
        }
        var unknown = request.UnknownComprehensionRequired();
        if (unknown.Count > 0)
        {
            return UnknownAttributes(request, response, unknown, out responseLength);
        }
        // RFC 8445 §7.3.1.1: a lite agent is always controlled, so a peer that is controlled too must switch.
        if (request.IceControlled is not null)
        {
            return Error(request, response, StunErrorCode.RoleConflict, null, authenticated: true, out responseLength);
        }
        if (request.IceControlling is null)
        {
            return Error(request, response, StunErrorCode.BadRequest, "ICE-CONTROLLING is required", authenticated: true, out responseLength);
        }

        Accept(request, remote);
        var writer = new StunMessageWriter(response, StunMessageType.BindingSuccessResponse, request.TransactionId);
        writer.WriteXorMappedAddress(remote);
        writer.WriteMessageIntegrity(_passwordKey);
        writer.WriteFingerprint();
        responseLength = writer.Length;
        return IceCheckResult.Success;
    }

    /// <summary>Fires the consent-expiry event when its deadline has passed.</summary>
    public void HandleTimeout()
    {
        if (_consent.CheckExpiry())
        {
            _events.Enqueue(new IceConsentExpired(NominatedRemote));
            NominatedRemote = null;
        }
    }

    /// <summary>
    /// ICE restart (RFC 8445 §9): new local credentials and the peer's new ufrag. Media keeps flowing to
    /// the nominated address until the peer nominates again; checks with the old credentials now get 401.
    /// Revives a session whose consent expired.
    /// </summary>
    public void Restart(IceCredentials newLocal, string? newRemoteUfrag)
    {
        Local = newLocal;
        RemoteUfrag = newRemoteUfrag;
        _passwordKey = Encoding.UTF8.GetBytes(newLocal.Password);
        _validated.Clear();
        if (_consent.Expired)
        {
            _consent.Reset();
        }
    }

    private bool UsernameMatches(string username)
    {
        var colon = username.IndexOf(':');
        if (colon < 0 || !username.AsSpan(0, colon).SequenceEqual(Local.Ufrag))
        {
            return false;
        }
        return RemoteUfrag is null || username.AsSpan(colon + 1).SequenceEqual(RemoteUfrag);
    }

    private void Accept(StunMessage request, IPEndPoint remote)
    {
        _consent.Grant();
        if (_validated.Add(remote))
        {
            _events.Enqueue(new IceRemoteValidated(remote));
        }
        if (request.UseCandidate && !remote.Equals(NominatedRemote))
        {
            NominatedRemote = remote;
            _events.Enqueue(new IceRemoteNominated(remote));
        }
    }

    /// <summary>
    /// Error responses (RFC 8489 §6.3.1.1). Unauthenticated ones (400 before authentication, 401) carry
    /// no MESSAGE-INTEGRITY (§9.1.3); all carry FINGERPRINT as ICE requires (RFC 8445 §7.2.2).
    /// </summary>
    private IceCheckResult Error(StunMessage request, Span<byte> response, int code, string? reason, bool authenticated, out int length)
    {
        var writer = new StunMessageWriter(response, StunMessageType.BindingErrorResponse, request.TransactionId);
        writer.WriteErrorCode(code, reason);
        if (authenticated)
        {
            writer.WriteMessageIntegrity(_passwordKey);
        }
        writer.WriteFingerprint();
        length = writer.Length;
        return code switch
        {
            StunErrorCode.Unauthorized => IceCheckResult.Unauthorized,
            StunErrorCode.RoleConflict => IceCheckResult.RoleConflict,
            _ => IceCheckResult.BadRequest,
        };
    }

    private IceCheckResult UnknownAttributes(StunMessage request, Span<byte> response, IReadOnlyList<ushort> unknown, out int length)
    {
        var writer = new StunMessageWriter(response, StunMessageType.BindingErrorResponse, request.TransactionId);
        writer.WriteErrorCode(StunErrorCode.UnknownAttribute);
        writer.WriteUnknownAttributes(unknown.Take(16).ToArray());
        writer.WriteMessageIntegrity(_passwordKey);
        writer.WriteFingerprint();
        length = writer.Length;
        return IceCheckResult.UnknownAttribute;
    }
}
