namespace Dispatch.Contracts.Realtime;

/// <summary>What an acknowledgement did; only <see cref="Recorded"/> and <see cref="AlreadyRecorded"/> are success.</summary>
public enum AckOutcome
{
    Recorded,
    AlreadyRecorded,

    /// <summary>The push is not in this worker's inbox: an unknown id, or another worker's push.</summary>
    UnknownPush,

    /// <summary>Accepted was sent for a push that is not a task.</summary>
    NotATask,
}
