namespace Dispatch.Media.Sdp.Attributes;

/// <summary><c>a=setup</c> (RFC 4145 §4): who opens the DTLS association (RFC 5763 §5).</summary>
public enum SetupRole
{
    Active,
    Passive,
    ActPass,
    HoldConn,
}

public static class SetupRoles
{
    public const string Name = "setup";

    public static string ToSdp(this SetupRole role) => role switch
    {
        SetupRole.Active => "active",
        SetupRole.Passive => "passive",
        SetupRole.ActPass => "actpass",
        _ => "holdconn",
    };

    public static SetupRole? FromSdp(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "active" => SetupRole.Active,
        "passive" => SetupRole.Passive,
        "actpass" => SetupRole.ActPass,
        "holdconn" => SetupRole.HoldConn,
        _ => null,
    };

    /// <summary>
    /// RFC 5763 §5: an answerer to actpass may pick either role (we take passive, so the browser
    /// starts the handshake); to active it must be passive, to passive active. An offer without
    /// a=setup means active (RFC 4145 §4 default for the offerer is active).
    /// Null for holdconn: no connection now.
    /// </summary>
    public static SetupRole? AnswerTo(SetupRole? offered) => offered switch
    {
        null or SetupRole.ActPass or SetupRole.Active => SetupRole.Passive,
        SetupRole.Passive => SetupRole.Active,
        _ => null,
    };
}
