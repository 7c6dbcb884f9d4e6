using Dispatch.Media.Sdp.Attributes;
using Dispatch.Media.Sdp.Negotiation;

namespace Dispatch.Media.Tests.Sdp.Negotiation;

/// <summary>RFC 6184 §8.1 / §8.2.2 profile and level matching against our Constrained Baseline 3.1, mode 1.</summary>
public class H264NegotiationTests
{
    private static readonly IReadOnlyDictionary<string, string> Local =
        Fmtp.ParseParameters(CodecCapability.H264ConstrainedBaseline.Parameters);

    private static string? Answer(string offered) => H264Negotiation.AnswerParameters(Fmtp.ParseParameters(offered), Local);

    [Theory]
    [InlineData("42e01f", H264Profile.ConstrainedBaseline, 31)]
    [InlineData("42001f", H264Profile.Baseline, 31)]
    [InlineData("4d001f", H264Profile.Main, 31)]
    [InlineData("4de01f", H264Profile.ConstrainedBaseline, 31)]
    [InlineData("58c01e", H264Profile.ConstrainedBaseline, 30)]
    [InlineData("58801e", H264Profile.Baseline, 30)]
    [InlineData("58001e", H264Profile.Extended, 30)]
    [InlineData("640c1f", H264Profile.ConstrainedHigh, 31)]
    [InlineData("64001f", H264Profile.High, 31)]
    [InlineData("42f00b", H264Profile.ConstrainedBaseline, 9)]
    [InlineData("42e00b", H264Profile.ConstrainedBaseline, 11)]
    [InlineData("640009", H264Profile.High, 9)]
    public void Profile_and_level_are_read_from_profile_idc_constraint_flags_and_level_idc(string text, H264Profile profile, int level)
    {
        Assert.True(H264ProfileLevelId.TryParse(text, out var id));

        Assert.Equal(profile, id.Profile);
        Assert.Equal(level, id.Level);
    }

    [Fact]
    public void Absent_profile_level_id_means_baseline_level_1() =>
        Assert.Equal((H264Profile.Baseline, 10), H264ProfileLevelId.TryParse(null, out var id) ? (id.Profile, id.Level) : default);

    [Theory]
    [InlineData("xyz")]
    [InlineData("42e01")]
    public void Malformed_profile_level_id_is_refused(string text) => Assert.False(H264ProfileLevelId.TryParse(text, out _));

    [Fact]
    public void Same_profile_with_level_asymmetry_on_both_sides_answers_our_own_level() =>
        Assert.Equal("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f",
            Answer("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e034"));

    [Fact]
    public void Without_level_asymmetry_the_answer_takes_the_lower_level() =>
        Assert.Equal("packetization-mode=1;profile-level-id=42e00d", Answer("packetization-mode=1;profile-level-id=42e00d"));

    [Fact]
    public void Without_level_asymmetry_a_higher_offered_level_is_lowered_to_ours() =>
        Assert.Equal("packetization-mode=1;profile-level-id=42e01f", Answer("packetization-mode=1;profile-level-id=42e028"));

    [Fact]
    public void Level_1b_survives_in_the_baseline_family_encoding() =>
        Assert.Equal("packetization-mode=1;profile-level-id=42f00b", Answer("packetization-mode=1;profile-level-id=42f00b"));

    [Fact]
    public void Main_profile_with_constraint_set0_is_constrained_baseline_and_keeps_its_bytes() =>
        Assert.Equal("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=4de01f",
            Answer("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=4de01f"));

    [Theory]
    [InlineData("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f")] // Baseline, not Constrained
    [InlineData("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=4d001f")] // Main
    [InlineData("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=640c1f")] // Constrained High (Safari)
    [InlineData("level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42e01f")] // single NAL mode
    [InlineData("profile-level-id=42e01f;level-asymmetry-allowed=1")]                      // mode absent = 0
    [InlineData("packetization-mode=1")]                                                    // profile absent = Baseline
    [InlineData("packetization-mode=1;profile-level-id=nothex")]
    public void Incompatible_configurations_are_not_accepted(string offered) => Assert.Null(Answer(offered));
}
