using Dispatch.Contracts.Calls;

namespace Dispatch.Gateway.Calls;

/// <summary>The hub events of calls (docs/protocol.md, "Calls"); each carries a <see cref="CallView"/>.</summary>
public static class CallEvents
{
    public const string Ringing = "callRinging";
    public const string Answered = "callAnswered";
    public const string AnsweredElsewhere = "callAnsweredElsewhere";
    public const string Ended = "callEnded";

    public static string Of(CallSignalKind kind) => kind switch
    {
        CallSignalKind.Ringing => Ringing,
        CallSignalKind.Answered => Answered,
        CallSignalKind.AnsweredElsewhere => AnsweredElsewhere,
        _ => Ended,
    };
}
