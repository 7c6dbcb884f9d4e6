namespace Dispatch.Media.Sip.Dialogs;

/// <summary>RFC 3261 §12: a dialog is early after a 1xx with a To tag, confirmed after a 2xx, terminated after BYE.</summary>
public enum SipDialogState
{
    Early,
    Confirmed,
    Terminated,
}
