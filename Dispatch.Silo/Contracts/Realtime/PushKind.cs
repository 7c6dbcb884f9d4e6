namespace Dispatch.Contracts.Realtime;

/// <summary>What a push is about; only tasks can be accepted.</summary>
public enum PushKind
{
    Notice,
    Task,
    System,
}
