namespace Dispatch.Contracts.Realtime;

/// <summary>What a device acknowledges about a push.</summary>
public enum ReceiptKind
{
    /// <summary>The push reached the device.</summary>
    Delivered,

    /// <summary>The person opened it.</summary>
    Read,

    /// <summary>The person took the task on (task pushes only).</summary>
    Accepted,

    /// <summary>The person confirmed they know the notice (确认知晓); counts towards the notice's awareness rate.</summary>
    Confirmed,
}
