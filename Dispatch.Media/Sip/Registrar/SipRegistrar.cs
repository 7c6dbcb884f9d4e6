using System.Collections.Concurrent;
using System.Globalization;
using Dispatch.Contracts.Sip;
using Dispatch.Media.Sip.Auth;
using Dispatch.Media.Sip.Messages;
using Dispatch.Media.Sip.Messages.Internal;
using Dispatch.Media.Sip.Server;

namespace Dispatch.Media.Sip.Registrar;

/// <summary>
/// The registrar (RFC 3261 §10.3) as the server's transaction user for REGISTER; other methods are left to others.
/// Sans-I/O apart from the async store; safe to share between the UDP and TCP hosts.
/// <code>
///   REGISTER ─► credentials for our realm? ──no──► 401, SHA-256 and MD5 challenges (RFC 8760 §2.4, order configurable)
///                  └─► accounts (cached) ─► digest check ──wrong──► 403   stale nonce ─► 401 stale=TRUE
///                        └─► To names the user? ──no──► 403
///                              └─► Contacts / Expires (400, 423) ─► read bindings ─► §10.3 step 7 ─► write (CAS, retry)
///                                    └─► 200 with every binding and its remaining expires, Date
/// </code>
/// </summary>
public sealed class SipRegistrar
{
    private const int WriteAttempts = 4;
    private const int MaxRemembered = 100_000;

    private readonly ISipRegistrarStore _store;
    private readonly TimeProvider _time;
    private readonly SipRegistrarOptions _options;
    private readonly DigestAuthenticator _authenticator;
    private readonly SipAccountCache _accounts;
    private readonly Lock _nonceGate = new();
    private readonly ConcurrentDictionary<string, SipBindingSet> _lastSeen = new(StringComparer.Ordinal);

    public SipRegistrar(ISipRegistrarStore store, TimeProvider time, SipRegistrarOptions? options = null)
    {
        _store = store;
        _time = time;
        _options = options ?? new SipRegistrarOptions();
        _authenticator = new DigestAuthenticator(new DigestNonceManager(time, _options.NonceLifetime, _options.NonceKey), _options.Realm, _options.Algorithms);
        _accounts = new SipAccountCache(store, time, _options.AccountCacheLifetime);
    }

    /// <summary>Plugs into <see cref="SipServerOptions.Handler"/>: answers REGISTER, returns null for anything else.</summary>
    public ValueTask<SipResponse?> Handle(SipRequest request) =>
        request.Method == "REGISTER" ? RegisterOrNull(request) : ValueTask.FromResult<SipResponse?>(null);

    public async ValueTask<SipResponse> Register(SipRequest request) => (await RegisterOrNull(request))!;

    /// <summary>
    /// <see cref="Register"/> typed as the server's handler wants it (never null in fact), so the hot path needs no
    /// second async state machine to convert one task type into the other.
    /// </summary>
    private async ValueTask<SipResponse?> RegisterOrNull(SipRequest request)
    {
        var username = UsernameFor(request);
        var (account, cached) = username is null ? (null, false) : await _accounts.Find(username);
        var verification = Verify(request, account);
        if (cached && verification.Outcome is DigestOutcome.WrongResponse or DigestOutcome.UnknownUser)
        {
            // The credential may have changed since it was cached: judge on the stored one. A wrong response leaves
            // the nonce-count untouched, so checking again is not a replay.
            account = await _accounts.Refresh(username!);
            verification = Verify(request, account);
        }
        switch (verification.Outcome)
        {
            case DigestOutcome.Authenticated:
                break;
            case DigestOutcome.WrongResponse or DigestOutcome.UnknownUser:
                // One answer for both, so the registrar does not reveal which usernames exist.
                return request.CreateResponse(403, "Forbidden - Wrong username or password");
            case DigestOutcome.Malformed:
                return request.CreateResponse(400, "Bad Request - Authorization needs Digest with qop=auth and an offered algorithm");
            default:
                return Challenge(request, stale: verification.Outcome == DigestOutcome.StaleNonce);
        }
        // §10.3 step 3: the authenticated user may change the bindings of its own address of record only.
        if (!string.Equals(request.To?.Uri.User, account!.Device.Username, StringComparison.Ordinal))
        {
            return request.CreateResponse(403, "Forbidden - To does not name the authenticated user");
        }
        if (!RegistrationRequest.TryRead(request, _options, out var registration, out var rejection))
        {
            return rejection.ToResponse(request.Headers);
        }
        var context = new RegisterContext(account.Device.DeviceId, request.CallId ?? "", request.CSeq?.Number ?? 0,
            TopViaText(request), _time.GetUtcNow());
        return await Update(request, account.WorkerId, registration, context);
    }

    private DigestVerification Verify(SipRequest request, SipAccount? account)
    {
        lock (_nonceGate)
        {
            return _authenticator.Verify(request, (user, algorithm) => account is not null && user == account.Device.Username
                ? algorithm == DigestAlgorithm.Sha256 ? account.Device.Ha1Sha256 : account.Device.Ha1Md5
                : null);
        }
    }

    /// <summary>
    /// Applies the request to the worker's bindings with a compare-and-set write. The set this registrar last saw
    /// for the worker is tried first, saving the read on a refresh (one grain call per REGISTER instead of two): a
    /// stale guess costs nothing but a retry, since the write is refused and returns the current set.
    /// </summary>
    private async ValueTask<SipResponse> Update(SipRequest request, string workerId, RegistrationRequest registration, RegisterContext context)
    {
        SipBindingSet? current = null;
        var fresh = registration.IsQuery || !_lastSeen.TryGetValue(workerId, out current);
        if (fresh)
        {
            current = await _store.ReadBindings(workerId);
        }
        for (var attempt = 0; attempt < WriteAttempts; attempt++)
        {
            if (registration.IsQuery)
            {
                return Ok(request, current!.Bindings, context.Now);
            }
            if (!BindingUpdate.TryApply(current!.Bindings, registration, context, _options, out var updated, out var rejection))
            {
                if (!fresh)
                {
                    // Judge an out-of-order REGISTER on the stored set, not on a guess.
                    current = await _store.ReadBindings(workerId);
                    fresh = true;
                    continue;
                }
                return rejection.ToResponse(request.Headers);
            }
            var write = await _store.WriteBindings(workerId, current, updated);
            Remember(workerId, write.Current);
            if (write.Applied)
            {
                return Ok(request, write.Current.Bindings, context.Now);
            }
            current = write.Current; // another REGISTER of this worker won the race: apply ours on top of it
            fresh = true;
        }
        var busy = request.CreateResponse(500, "Server Internal Error - Bindings changed concurrently");
        busy.Headers.Add("Retry-After", "1");
        return busy;
    }

    private void Remember(string workerId, SipBindingSet set)
    {
        // A refresh replaces its worker's entry: only a new worker can grow the map, so only then is it measured
        // (ConcurrentDictionary.Count takes every lock of the map, 2.5 % of the gateway's CPU under sipp when it
        // was read per REGISTER).
        if (_lastSeen.TryGetValue(workerId, out _))
        {
            _lastSeen[workerId] = set;
            return;
        }
        if (_lastSeen.Count >= MaxRemembered)
        {
            _lastSeen.Clear(); // a bound on memory; the next REGISTER of each worker reads again
        }
        _lastSeen[workerId] = set;
    }

    /// <summary>§10.3 step 8: every current binding with its remaining lifetime, and a Date header field.</summary>
    private static SipResponse Ok(SipRequest request, IReadOnlyList<SipBinding> bindings, DateTimeOffset now)
    {
        var ok = request.CreateResponse(200);
        foreach (var binding in bindings.Where(b => b.Expires > now))
        {
            var seconds = (int)Math.Ceiling((binding.Expires - now).TotalSeconds);
            ok.Headers.Add(SipHeaderNames.Contact, $"{binding.Contact};expires={seconds.ToString(CultureInfo.InvariantCulture)}");
        }
        ok.Headers.Add(SipHeaderNames.Date, now.UtcDateTime.ToString("r", CultureInfo.InvariantCulture));
        return ok;
    }

    private SipResponse Challenge(SipRequest request, bool stale)
    {
        var challenge = request.CreateResponse(401);
        _authenticator.AddChallenges(challenge, stale);
        return challenge;
    }

    /// <summary>
    /// The top Via as the binding's source (the flow it came in on, with received and rport as stamped): the field's own
    /// text when the line holds that one Via, which spares writing it out again per REGISTER.
    /// </summary>
    private static string TopViaText(SipRequest request)
    {
        var value = request.Headers[SipHeaderNames.Via];
        return value is not null && SipSyntax.IsSingleElement(value) && request.TopVia is not null ? value : request.TopVia?.ToString() ?? "";
    }

    /// <summary>
    /// The username of the credentials <see cref="DigestAuthenticator.Verify"/> will check; the parse is kept with the
    /// header field, so Verify reuses it.
    /// </summary>
    private string? UsernameFor(SipRequest request) => _authenticator.FindCredentials(request)?.Username;
}
