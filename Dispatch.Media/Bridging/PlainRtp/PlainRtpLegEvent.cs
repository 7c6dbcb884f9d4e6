using System.Net;

namespace Dispatch.Media.Bridging.PlainRtp;

/// <summary>Something the owner of a leg should know: the kind, when, and the remote address involved.</summary>
public readonly record struct PlainRtpLegEvent(PlainRtpLegEventKind Kind, DateTimeOffset At, IPEndPoint? Remote);
