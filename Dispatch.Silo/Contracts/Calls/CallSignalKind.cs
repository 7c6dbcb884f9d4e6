namespace Dispatch.Contracts.Calls;

/// <summary>What a <see cref="CallSignal"/> tells a gateway; each maps to one hub event (docs/protocol.md, "Calls").</summary>
public enum CallSignalKind
{
    /// <summary>To the devices that should ring.</summary>
    Ringing,
    /// <summary>To the caller: someone answered.</summary>
    Answered,
    /// <summary>To the devices that rang but lost the race.</summary>
    AnsweredElsewhere,
    /// <summary>To everyone still in the call, and to the media node.</summary>
    Ended,
}
