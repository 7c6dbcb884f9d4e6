using Dispatch.Media.Sdp.Attributes;
using Dispatch.Media.Sdp.Negotiation;

namespace Dispatch.Media.Tests.Sdp.Negotiation;

internal static class AnswerFixtures
{
    public static readonly Fingerprint Fingerprint =
        Fingerprint.FromDigest("sha-256", Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray());

    public static WebRtcAnswerOptions Options(IReadOnlyDictionary<string, LocalSendStream>? streams = null) => new()
    {
        IceUfrag = "dSpx",
        IcePwd = "dispatchIcePassword0123",
        Fingerprint = Fingerprint,
        SessionId = "4611731400430051336",
        Candidates = [IceCandidate.Host("1", "192.0.2.10", 40000)],
        SendStreams = streams ?? new Dictionary<string, LocalSendStream>(),
    };
}
