using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace Dispatch.Media.Sip.Auth;

/// <summary>
/// Issues and checks nonces (RFC 7616 §3.3, §5.4): a nonce is base64url(issue-time | random | HMAC-SHA256 over both),
/// so any nonce can be verified without storage; accepted nonce-counts are remembered per nonce until expiry
/// so that a replayed or re-ordered nc is refused. Sans-I/O: time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class DigestNonceManager
{
    private const int TimeBytes = 8;
    private const int RandomBytes = 12;
    private const int MacBytes = 16;

    private readonly TimeProvider _time;
    private readonly byte[] _key;
    private readonly Dictionary<string, (uint HighestCount, DateTimeOffset Expires)> _counts = [];
    private readonly PriorityQueue<string, DateTimeOffset> _expiries = new();

    public DigestNonceManager(TimeProvider time, TimeSpan lifetime, byte[]? key = null)
    {
        _time = time;
        Lifetime = lifetime;
        _key = key ?? RandomNumberGenerator.GetBytes(32);
    }

    public TimeSpan Lifetime { get; }

    /// <summary>Nonces currently tracked for replay protection.</summary>
    public int TrackedCount => _counts.Count;

    public string Issue()
    {
        Span<byte> nonce = stackalloc byte[TimeBytes + RandomBytes + MacBytes];
        BinaryPrimitives.WriteInt64BigEndian(nonce, _time.GetUtcNow().ToUnixTimeMilliseconds());
        RandomNumberGenerator.Fill(nonce.Slice(TimeBytes, RandomBytes));
        Mac(nonce[..(TimeBytes + RandomBytes)]).AsSpan(0, MacBytes).CopyTo(nonce[(TimeBytes + RandomBytes)..]);
        return Base64Url.EncodeToString(nonce);
    }

    /// <summary>Checks a nonce and, when given, its nonce-count (8 hex digits), recording the count if accepted.</summary>
    public NonceCheck Check(string nonce, string? nonceCount)
    {
        var now = _time.GetUtcNow();
        Purge(now);
        if (!TryDecode(nonce, out var issued))
        {
            return NonceCheck.Unknown;
        }
        var expires = issued + Lifetime;
        if (now >= expires)
        {
            return NonceCheck.Stale;
        }
        if (nonceCount is null)
        {
            return NonceCheck.Valid;
        }
        if (!uint.TryParse(nonceCount, System.Globalization.NumberStyles.HexNumber, null, out var count) || count == 0)
        {
            return NonceCheck.Replayed;
        }
        if (_counts.TryGetValue(nonce, out var seen) && count <= seen.HighestCount)
        {
            return NonceCheck.Replayed;
        }
        if (!_counts.ContainsKey(nonce))
        {
            _expiries.Enqueue(nonce, expires);
        }
        _counts[nonce] = (count, expires);
        return NonceCheck.Valid;
    }

    private bool TryDecode(string nonce, out DateTimeOffset issued)
    {
        issued = default;
        Span<byte> raw = stackalloc byte[TimeBytes + RandomBytes + MacBytes];
        if (nonce.Length != Base64Url.GetEncodedLength(raw.Length)
            || !Base64Url.TryDecodeFromChars(nonce, raw, out var written) || written != raw.Length)
        {
            return false;
        }
        var expected = Mac(raw[..(TimeBytes + RandomBytes)]).AsSpan(0, MacBytes);
        if (!CryptographicOperations.FixedTimeEquals(expected, raw[(TimeBytes + RandomBytes)..]))
        {
            return false;
        }
        issued = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(raw));
        return true;
    }

    private byte[] Mac(ReadOnlySpan<byte> data) => HMACSHA256.HashData(_key, data);

    /// <summary>Forgets expired nonces, oldest first: O(log n) per nonce rather than a scan per request.</summary>
    private void Purge(DateTimeOffset now)
    {
        while (_expiries.TryPeek(out var nonce, out var expires) && expires <= now)
        {
            _expiries.Dequeue();
            _counts.Remove(nonce);
        }
    }
}
