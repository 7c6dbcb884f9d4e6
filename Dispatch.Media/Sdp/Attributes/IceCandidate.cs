using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Dispatch.Media.Sdp.Attributes;

/// <summary>
/// <c>a=candidate</c> per the RFC 8839 §5.1 grammar:
/// <code>
/// foundation SP component-id SP transport SP priority SP connection-address SP port SP "typ" SP cand-type
///   [SP "raddr" SP address] [SP "rport" SP port] *(SP extension-name SP extension-value)
/// </code>
/// Extensions (<c>generation</c>, <c>tcptype</c>, <c>network-id</c>, ...) keep their order for round-trip.
/// </summary>
public sealed record IceCandidate(
    string Foundation,
    int Component,
    string Transport,
    uint Priority,
    string Address,
    int Port,
    string Type,
    string? RelatedAddress = null,
    int? RelatedPort = null)
{
    public const string Name = "candidate";

    public IReadOnlyList<KeyValuePair<string, string>> Extensions { get; init; } = [];

    public bool Equals(IceCandidate? other) => other is not null && ToString() == other.ToString();

    public override int GetHashCode() => ToString().GetHashCode();

    public static bool TryParse(string? value, [NotNullWhen(true)] out IceCandidate? candidate)
    {
        candidate = null;
        if (value is null) return false;
        var w = SdpTokens.Words(value);
        // RFC 8839 §5.1: foundation is 1*32 ice-char, component-id 1*3DIGIT, priority 1*10DIGIT.
        if (w.Length < 8 || w[0].Length is 0 or > 32 || w[6] != "typ") return false;
        if (!int.TryParse(w[1], NumberStyles.None, null, out var component) || component is < 1 or > 256) return false;
        if (!uint.TryParse(w[3], NumberStyles.None, null, out var priority)) return false;
        if (!TryPort(w[5], out var port)) return false;
        string? raddr = null;
        int? rport = null;
        var extensions = new List<KeyValuePair<string, string>>();
        var i = 8;
        if (i + 1 < w.Length && w[i] == "raddr") { raddr = w[i + 1]; i += 2; }
        if (i + 1 < w.Length && w[i] == "rport")
        {
            if (!TryPort(w[i + 1], out var rp)) return false;
            rport = rp;
            i += 2;
        }
        for (; i < w.Length; i += 2)
        {
            if (i + 1 >= w.Length) return false;
            extensions.Add(new(w[i], w[i + 1]));
        }
        candidate = new IceCandidate(w[0], component, w[2], priority, w[4], port, w[7], raddr, rport)
        {
            Extensions = extensions,
        };
        return true;
    }

    /// <summary>A host candidate for an ICE-lite endpoint (RFC 8445 §5.1.2 priority, type preference 126).</summary>
    public static IceCandidate Host(string foundation, string address, int port, string transport = "udp", int localPreference = 65535)
    {
        var priority = (uint)((126 << 24) | (localPreference << 8) | (256 - 1));
        return new IceCandidate(foundation, 1, transport, priority, address, port, "host");
    }

    private static bool TryPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, null, out port) && port <= 65535;

    public SdpAttribute ToAttribute() => new(Name, ToString());

    public override string ToString()
    {
        var text = $"{Foundation} {Component} {Transport} {Priority} {Address} {Port} typ {Type}";
        if (RelatedAddress is not null) text += " raddr " + RelatedAddress;
        if (RelatedPort is { } rp) text += " rport " + rp;
        foreach (var e in Extensions) text += $" {e.Key} {e.Value}";
        return text;
    }
}
