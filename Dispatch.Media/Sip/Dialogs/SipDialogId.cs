namespace Dispatch.Media.Sip.Dialogs;

/// <summary>
/// A dialog's identity (RFC 3261 §12): Call-ID, local tag and remote tag, each seen from this side. A request
/// belongs to the dialog when its Call-ID matches, its To tag is our local tag and its From tag our remote tag (§12.2.2).
/// </summary>
public readonly record struct SipDialogId(string CallId, string LocalTag, string RemoteTag)
{
    public override string ToString() => $"{CallId};local={LocalTag};remote={RemoteTag}";
}
