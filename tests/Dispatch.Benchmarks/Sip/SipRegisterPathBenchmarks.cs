using System.Globalization;
using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using Dispatch.Contracts.Org;
using Dispatch.Contracts.Sip;
using Dispatch.Media.Sip.Auth;
using Dispatch.Media.Sip.Messages;
using Dispatch.Media.Sip.Registrar;
using Dispatch.Media.Sip.Server;

namespace Dispatch.Benchmarks.Sip;

/// <summary>
/// Issue 4: one authenticated REGISTER refresh through the sans-I/O server with the registrar on an in-memory store
/// (parse, Via stamp, transaction, validator, digest check, RFC 3261 §10.3 update, 200 OK serialised), against two
/// baselines: parsing the same request alone, and writing the request with a fresh digest answer (the client's share,
/// which every measured operation also pays because a nonce-count may be used only once).
/// </summary>
[MemoryDiagnoser]
public class SipRegisterPathBenchmarks
{
    private const int Users = 1000;
    private const string Realm = "dispatch";
    private static readonly IPEndPoint Phone = new(IPAddress.Loopback, 5062);

    private readonly SteppedClock _clock = new(new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.Zero));
    private SipServerCore _core = null!;
    private SipRegistrar _registrar = null!;
    private string[] _nonces = null!;
    private long[] _cseq = null!;
    private int[] _nonceCount = null!;
    private byte[] _sample = null!;
    private byte[] _challengedSample = null!;
    private int _next;
    private long _operations;

    [GlobalSetup]
    public void Setup()
    {
        var accounts = Enumerable.Range(0, Users).ToDictionary(Username, i => new SipAccount("worker-" + i,
            new SipDeviceCredential("desk-" + i, Username(i), Realm, DigestMath.Ha1(DigestAlgorithm.Md5, Username(i), Realm, "pw"),
                DigestMath.Ha1(DigestAlgorithm.Sha256, Username(i), Realm, "pw"))));
        _registrar = new SipRegistrar(new BenchRegistrarStore(accounts), _clock,
            new SipRegistrarOptions { Algorithms = [DigestAlgorithm.Md5, DigestAlgorithm.Sha256] });
        // As the UDP host runs it: answers written into pooled arrays, given back once "sent".
        _core = new SipServerCore(_clock, new SipServerOptions { Handler = _registrar.Handle, PooledDatagrams = true });
        _nonces = new string[Users];
        _cseq = new long[Users];
        _nonceCount = new int[Users];
        for (var i = 0; i < Users; i++)
        {
            Challenge(i);
        }
        _sample = Request(0);
        _challengedSample = Write(1, authorization: null);
    }

    private static string Username(int i) => (13_900_000_000L + i).ToString(CultureInfo.InvariantCulture);

    /// <summary>The first REGISTER of a user: no credentials, so a 401 whose nonce the user then answers.</summary>
    private void Challenge(int user)
    {
        _nonceCount[user] = 0;
        var reply = Send(Write(user, authorization: null));
        var challenge = reply.Headers.All(SipHeaderNames.WwwAuthenticate)
            .Select(v => DigestChallenge.TryParse(v, out var c) ? c : null).First(c => c!.Algorithm == DigestAlgorithm.Md5)!;
        _nonces[user] = challenge.Nonce;
    }

    private byte[] Write(int user, string? authorization)
    {
        var cseq = ++_cseq[user];
        var name = Username(user);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"REGISTER sip:{Realm} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK-{name}-{cseq};rport\r\n" +
            $"Max-Forwards: 70\r\nFrom: <sip:{name}@{Realm}>;tag={cseq}\r\nTo: <sip:{name}@{Realm}>\r\nCall-ID: reg-{name}\r\n" +
            $"CSeq: {cseq} REGISTER\r\nContact: <sip:{name}@127.0.0.1:5062>;expires=3600\r\nExpires: 3600\r\n") +
            (authorization is null ? "" : $"Authorization: {authorization}\r\n") + "Content-Length: 0\r\n\r\n";
        return Encoding.ASCII.GetBytes(text);
    }

    /// <summary>The REGISTER of <paramref name="user"/> answering its nonce with the next nonce-count (RFC 7616 §3.4).</summary>
    private byte[] Request(int user)
    {
        var nc = (++_nonceCount[user]).ToString("x8", CultureInfo.InvariantCulture);
        var name = Username(user);
        var uri = "sip:" + Realm;
        var ha1 = DigestMath.Ha1(DigestAlgorithm.Md5, name, Realm, "pw");
        var response = DigestMath.Response(DigestAlgorithm.Md5, ha1, _nonces[user], nc, "c" + nc, "auth", DigestMath.Ha2(DigestAlgorithm.Md5, "REGISTER", uri));
        var credentials = new DigestCredentials(name, Realm, _nonces[user], uri, response, DigestAlgorithm.Md5, "auth", "c" + nc, nc, null);
        return Write(user, credentials.ToString());
    }

    private SipResponse Send(byte[] datagram)
    {
        _core.OnDatagram(datagram, Phone);
        SipResponse? last = null;
        while (_core.TryPollOutput(out var output))
        {
            if (output is SipDatagram answer && SipMessageParser.Parse(answer.Payload.ToArray()) is { IsSuccess: true, Message: SipResponse response })
            {
                last = response;
            }
            (output as SipDatagram)?.Release();
        }
        return last ?? throw new InvalidOperationException("no response");
    }

    [Benchmark(Baseline = true, Description = "parse the authorized REGISTER")]
    public SipMessage? ParseOnly() => SipMessageParser.Parse(_sample).Message;

    [Benchmark(Description = "client: write REGISTER with a fresh digest")]
    public byte[] ClientOnly()
    {
        var user = _next++ % Users;
        _cseq[user]--; // the request is thrown away: reuse its CSeq and nonce-count
        var request = Request(user);
        _nonceCount[user]--;
        return request;
    }

    [Benchmark(Description = "parse the first REGISTER (no credentials)")]
    public SipMessage? ParseChallenged() => SipMessageParser.Parse(_challengedSample).Message;

    /// <summary>A user's first REGISTER of a sipp call: no credentials, answered 401 with an MD5 and a SHA-256 challenge.</summary>
    [Benchmark(Description = "client + server: REGISTER without credentials to 401")]
    public int ChallengedRegister()
    {
        var user = _next++ % Users;
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        RetireOldTransactions();
        _core.OnDatagram(Write(user, authorization: null), Phone);
        return Answered((byte)'4', 401);
    }

    /// <summary>The status of the answer the core sent, which must be of the expected class; each datagram released.</summary>
    private int Answered(byte statusClass, int status)
    {
        var answered = 0;
        while (_core.TryPollOutput(out var output))
        {
            if (output is SipDatagram datagram)
            {
                answered = datagram.Payload[8] == statusClass ? status : throw new InvalidOperationException(Encoding.ASCII.GetString(datagram.Payload));
                datagram.Release();
            }
        }
        return answered;
    }

    /// <summary>A millisecond per operation: Timer J (32 s) retires old transactions as it would under load.</summary>
    private void RetireOldTransactions()
    {
        if (++_operations % 1000 == 0)
        {
            _core.HandleTimeout();
            while (_core.TryPollOutput(out var expired))
            {
                (expired as SipDatagram)?.Release();
            }
        }
    }

    [Benchmark(Description = "client + server: authorized REGISTER to 200 OK")]
    public int RegisterRefresh()
    {
        var user = _next++ % Users;
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        RetireOldTransactions();
        if (_nonceCount[user] >= 100)
        {
            Challenge(user); // nonces stay well within their 5 min lifetime
        }
        _core.OnDatagram(Request(user), Phone);
        return Answered((byte)'2', 200);
    }
}
