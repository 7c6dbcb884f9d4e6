using System.Net;

namespace Dispatch.Media.Sip.Server;

/// <summary>What <see cref="SipServerCore"/> asks its host to do.</summary>
public abstract record SipServerOutput;

/// <summary>Send these bytes to that endpoint.</summary>
public sealed record SipDatagram(byte[] Data, IPEndPoint Destination) : SipServerOutput;

/// <summary>Something worth a log line: a datagram dropped or a malformed request answered.</summary>
public sealed record SipServerNotice(IPEndPoint Source, string Text, bool Dropped) : SipServerOutput;
