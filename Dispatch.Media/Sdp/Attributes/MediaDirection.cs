namespace Dispatch.Media.Sdp.Attributes;

/// <summary>The direction attributes of RFC 8866 §6.7.1-6.7.4; sendrecv is the default when none is present.</summary>
public enum MediaDirection
{
    SendRecv,
    SendOnly,
    RecvOnly,
    Inactive,
}

public static class MediaDirections
{
    public static string ToSdp(this MediaDirection direction) => direction switch
    {
        MediaDirection.SendOnly => "sendonly",
        MediaDirection.RecvOnly => "recvonly",
        MediaDirection.Inactive => "inactive",
        _ => "sendrecv",
    };

    public static MediaDirection? FromSdp(string name) => name.ToLowerInvariant() switch
    {
        "sendrecv" => MediaDirection.SendRecv,
        "sendonly" => MediaDirection.SendOnly,
        "recvonly" => MediaDirection.RecvOnly,
        "inactive" => MediaDirection.Inactive,
        _ => null,
    };

    public static bool Sends(this MediaDirection d) => d is MediaDirection.SendRecv or MediaDirection.SendOnly;

    public static bool Receives(this MediaDirection d) => d is MediaDirection.SendRecv or MediaDirection.RecvOnly;

    public static MediaDirection From(bool sends, bool receives) => (sends, receives) switch
    {
        (true, true) => MediaDirection.SendRecv,
        (true, false) => MediaDirection.SendOnly,
        (false, true) => MediaDirection.RecvOnly,
        _ => MediaDirection.Inactive,
    };

    /// <summary>The direction as seen from the other side: an offer's sendonly is the answerer's recvonly.</summary>
    public static MediaDirection Reverse(this MediaDirection d) => From(sends: d.Receives(), receives: d.Sends());

    /// <summary>
    /// RFC 3264 §6.1: the answer's direction given the offered one and what the answerer wants to do.
    /// </summary>
    public static MediaDirection AnswerTo(this MediaDirection offered, MediaDirection wanted) =>
        From(sends: offered.Receives() && wanted.Sends(), receives: offered.Sends() && wanted.Receives());
}
