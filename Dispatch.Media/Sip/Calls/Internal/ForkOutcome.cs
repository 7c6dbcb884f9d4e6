namespace Dispatch.Media.Sip.Calls.Internal;

/// <summary>
/// The final response the caller gets when no fork answered (after RFC 3261 §16.7 step 6, simplified for phones of
/// one worker): a 6xx from any phone wins, then busy (486) if any phone was busy, 408 if none answered at all, and
/// otherwise 480.
/// </summary>
internal static class ForkOutcome
{
    public static (int Status, string Reason) Choose(IReadOnlyCollection<int> finals)
    {
        if (finals.FirstOrDefault(s => s >= 600) is var global and > 0)
        {
            return (global, global == 603 ? "Decline" : "Busy Everywhere");
        }
        if (finals.Contains(486))
        {
            return (486, "Busy Here");
        }
        if (finals.All(s => s == 408))
        {
            return (408, "Request Timeout - No phone of the worker responded");
        }
        return (480, "Temporarily Unavailable - No phone of the worker answered");
    }
}
