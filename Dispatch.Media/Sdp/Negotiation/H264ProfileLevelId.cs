using System.Globalization;

namespace Dispatch.Media.Sdp.Negotiation;

/// <summary>The H.264 profiles that matter for negotiation, told apart by profile_idc and constraint flags (ITU-T H.264 Annex A).</summary>
public enum H264Profile
{
    ConstrainedBaseline,
    Baseline,
    Main,
    Extended,
    ConstrainedHigh,
    High,
    Other,
}

/// <summary>
/// The <c>profile-level-id</c> fmtp parameter of RFC 6184 §8.1: three bytes in hex,
/// <c>profile_idc</c>, <c>profile-iop</c> (constraint_set0..5 flags, most significant first) and <c>level_idc</c>.
/// Absent, it means 42000A: Baseline, level 1.0 (RFC 6184 §8.1).
/// </summary>
public readonly record struct H264ProfileLevelId(byte ProfileIdc, byte ProfileIop, byte LevelIdc)
{
    public static readonly H264ProfileLevelId Default = new(0x42, 0x00, 0x0A);

    private const byte ConstraintSet0 = 0x80;
    private const byte ConstraintSet1 = 0x40;
    private const byte ConstraintSet3 = 0x10;
    private const byte ConstraintSet4 = 0x08;
    private const byte ConstraintSet5 = 0x04;

    public static bool TryParse(string? text, out H264ProfileLevelId id)
    {
        id = Default;
        if (text is null) return true;
        if (text.Length != 6 || !uint.TryParse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v))
            return false;
        id = new H264ProfileLevelId((byte)(v >> 16), (byte)(v >> 8), (byte)v);
        return true;
    }

    /// <summary>
    /// A stream that conforms to several profiles is classified by the most constrained one: Main or Extended
    /// with constraint_set0 (also Baseline-conformant) and Baseline with constraint_set1 are Constrained Baseline.
    /// </summary>
    public H264Profile Profile => ProfileIdc switch
    {
        0x42 => (ProfileIop & ConstraintSet1) != 0 ? H264Profile.ConstrainedBaseline : H264Profile.Baseline,
        0x4D => (ProfileIop & ConstraintSet0) != 0 ? H264Profile.ConstrainedBaseline : H264Profile.Main,
        0x58 => (ProfileIop & (ConstraintSet0 | ConstraintSet1)) == (ConstraintSet0 | ConstraintSet1)
            ? H264Profile.ConstrainedBaseline
            : (ProfileIop & ConstraintSet0) != 0 ? H264Profile.Baseline : H264Profile.Extended,
        0x64 => (ProfileIop & (ConstraintSet4 | ConstraintSet5)) == (ConstraintSet4 | ConstraintSet5)
            ? H264Profile.ConstrainedHigh
            : H264Profile.High,
        _ => H264Profile.Other,
    };

    /// <summary>
    /// The level as level_idc (level times ten), with level 1b as 9 so that it orders between 1.0 (10) and 1.1 (11):
    /// Baseline/Main/Extended signal 1b as level_idc 11 with constraint_set3, the High profiles as level_idc 9.
    /// </summary>
    public int Level =>
        LevelIdc == 11 && ProfileIdc is 0x42 or 0x4D or 0x58 && (ProfileIop & ConstraintSet3) != 0 ? 9
        : LevelIdc;

    /// <summary>RFC 6184 §8.1: same profile (classified as above; raw bytes for profiles we do not classify).</summary>
    public bool SameProfileAs(H264ProfileLevelId other) =>
        Profile == other.Profile && (Profile != H264Profile.Other || (ProfileIdc == other.ProfileIdc && ProfileIop == other.ProfileIop));

    /// <summary>This profile with another level; level 1b is re-encoded the way this profile family signals it.</summary>
    public H264ProfileLevelId WithLevel(int level)
    {
        var baselineFamily = ProfileIdc is 0x42 or 0x4D or 0x58;
        if (level == 9)
        {
            return baselineFamily
                ? this with { LevelIdc = 11, ProfileIop = (byte)(ProfileIop | ConstraintSet3) }
                : this with { LevelIdc = 9 };
        }
        // In the Baseline family constraint_set3 at level_idc 11 would read as 1b: clear it.
        return this with
        {
            LevelIdc = (byte)level,
            ProfileIop = baselineFamily ? (byte)(ProfileIop & ~ConstraintSet3) : ProfileIop,
        };
    }

    public override string ToString() => $"{ProfileIdc:x2}{ProfileIop:x2}{LevelIdc:x2}";
}
