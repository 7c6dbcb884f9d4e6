namespace Dispatch.Contracts.Calls;

/// <summary>
/// Where a call is in its life.
/// <code>
///   Ringing ──first answer──► Connected ──hang-up / drop──► Ended
///      └──busy / no answer / decline / cancel / failure──────► Ended
/// </code>
/// </summary>
public enum CallState
{
    Ringing,
    Connected,
    Ended,
}
