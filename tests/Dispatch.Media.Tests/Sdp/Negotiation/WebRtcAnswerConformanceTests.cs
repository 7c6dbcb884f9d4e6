using Dispatch.Media.Sdp;
using Dispatch.Media.Sdp.Attributes;
using Dispatch.Media.Sdp.Negotiation;

namespace Dispatch.Media.Tests.Sdp.Negotiation;

/// <summary>Every real offer gets an answer that parses again and keeps JSEP's promises (RFC 8829 §5.3.1).</summary>
public class WebRtcAnswerConformanceTests
{
    private static (SessionDescription Offer, NegotiationResult Result, SessionDescription Answer) Answer(string name)
    {
        var offer = SdpModelAssert.Parsed(SdpSamples.Text(name));
        var result = WebRtcAnswerer.CreateAnswer(offer, AnswerFixtures.Options());
        var answer = SdpModelAssert.Parsed(result.LocalDescription.ToString());
        return (offer, result, answer);
    }

    [Theory]
    [MemberData(nameof(SdpSamples.Offers), MemberType = typeof(SdpSamples))]
    public void Answer_has_the_offered_sections_in_order_with_the_same_mids(string name)
    {
        var (offer, _, answer) = Answer(name);

        Assert.Equal(offer.Media.Select(m => m.Media), answer.Media.Select(m => m.Media));
        Assert.Equal(offer.Media.Select(m => m.Mid()), answer.Media.Select(m => m.Mid()));
        Assert.Equal(offer.Media.Select(m => m.Protocol), answer.Media.Select(m => m.Protocol));
        Assert.True(answer.IceLite());
    }

    [Theory]
    [MemberData(nameof(SdpSamples.Offers), MemberType = typeof(SdpSamples))]
    public void Bundle_group_lists_exactly_the_accepted_bundled_mids(string name)
    {
        var (offer, result, answer) = Answer(name);
        var offered = offer.BundleGroup();
        var accepted = answer.Media.Where(m => m.Port != 0).Select(m => m.Mid()).ToHashSet();

        if (offered is null || !offered.Mids.Any(accepted.Contains))
        {
            Assert.Null(answer.BundleGroup());
            return;
        }
        var expected = offered.Mids.Where(accepted.Contains).ToList();
        Assert.Equal(expected, answer.BundleGroup()!.Mids);
        Assert.Equal(expected, result.BundleMids);
    }

    [Theory]
    [MemberData(nameof(SdpSamples.Offers), MemberType = typeof(SdpSamples))]
    public void Accepted_sections_carry_our_ice_and_dtls_parameters(string name)
    {
        var (offer, result, answer) = Answer(name);

        foreach (var m in answer.Media.Where(m => m.Port != 0))
        {
            Assert.Equal("dSpx", m.IceUfrag(answer));
            Assert.Equal("dispatchIcePassword0123", m.IcePwd(answer));
            Assert.True(AnswerFixtures.Fingerprint.Matches(m.Fingerprint(answer)!));
            Assert.Equal(SetupRole.Passive, m.Setup(answer)); // every offer here says actpass
            Assert.True(m.RtcpMux());
            Assert.Equal(40000, m.Port);
            Assert.Equal("192.0.2.10", m.Connections.Single().Address);
            Assert.Single(m.Candidates());
            Assert.True(m.EndOfCandidates());
        }
        if (result.Accepted.Any())
        {
            Assert.NotNull(result.Transport);
            var first = offer.Media[result.Accepted.First().Index];
            Assert.Equal(first.IceUfrag(offer), result.Transport!.IceUfrag);
            Assert.True(first.Fingerprint(offer)!.Matches(result.Transport.Fingerprint));
        }
    }

    [Theory]
    [MemberData(nameof(SdpSamples.Offers), MemberType = typeof(SdpSamples))]
    public void Codecs_extensions_and_feedback_are_subsets_of_the_offer(string name)
    {
        var (offer, _, answer) = Answer(name);

        for (var i = 0; i < offer.Media.Count; i++)
        {
            var (o, a) = (offer.Media[i], answer.Media[i]);
            if (a.Port == 0) continue;
            var offeredMaps = o.RtpMaps().ToList();
            foreach (var map in a.RtpMaps())
            {
                Assert.Contains(map.PayloadType.ToString(), o.Formats);
                var same = offeredMaps.Single(x => x.PayloadType == map.PayloadType);
                Assert.Equal(same.EncodingName, map.EncodingName, ignoreCase: true);
                Assert.Equal(same.ClockRate, map.ClockRate);
            }
            Assert.All(a.Formats, f => Assert.Contains(f, o.Formats));
            Assert.All(a.ExtMaps(), e => Assert.Contains(o.ExtMaps(), x => x.Id == e.Id && x.Uri == e.Uri));
            var offeredFeedback = o.RtcpFeedbacks().ToList();
            Assert.All(a.RtcpFeedbacks(), f => Assert.Contains(offeredFeedback,
                x => (x.PayloadType is null || x.PayloadType == f.PayloadType) && x.Kind == f.Kind));
        }
    }

    [Theory]
    [MemberData(nameof(SdpSamples.Offers), MemberType = typeof(SdpSamples))]
    public void Data_channels_are_rejected_with_port_zero_and_media_accepted(string name)
    {
        var (offer, result, answer) = Answer(name);

        for (var i = 0; i < offer.Media.Count; i++)
        {
            if (offer.Media[i].IsDataChannel())
            {
                Assert.Equal(0, answer.Media[i].Port);
                Assert.Equal("data channels are not supported", result.Media[i].RejectionReason);
            }
            else if (offer.Media[i].Media == "audio")
            {
                Assert.True(result.Media[i].Accepted, result.Media[i].RejectionReason);
                Assert.NotEqual(0, answer.Media[i].Port);
            }
        }
    }

    [Theory]
    [MemberData(nameof(SdpSamples.Offers), MemberType = typeof(SdpSamples))]
    public void Direction_is_the_reverse_of_the_offer(string name)
    {
        var (offer, _, answer) = Answer(name);

        for (var i = 0; i < offer.Media.Count; i++)
        {
            if (answer.Media[i].Port == 0) continue;
            Assert.Equal(offer.Media[i].Direction(offer).Reverse(), answer.Media[i].Direction(answer));
        }
    }

    [Theory]
    [MemberData(nameof(SdpSamples.Offers), MemberType = typeof(SdpSamples))]
    public void Negotiated_codecs_per_mid_match_the_answer_lines(string name)
    {
        var (_, result, answer) = Answer(name);

        foreach (var media in result.Accepted)
        {
            var m = answer.Media[media.Index];
            Assert.Equal(m.Mid(), media.Mid);
            var expected = media.Codecs.SelectMany(c => c.RtxPayloadType is { } r ? [c.PayloadType, r] : new[] { c.PayloadType });
            Assert.Equal(expected.Select(p => p.ToString()), m.Formats);
            Assert.NotNull(media.PreferredCodec);
        }
    }
}
