namespace Dispatch.Silo.Calls;

/// <summary>The <c>Dispatch:Calls</c> configuration section.</summary>
public sealed class CallOptions
{
    public const string Section = "Dispatch:Calls";

    /// <summary>How long the devices ring before the call ends as no-answer.</summary>
    public TimeSpan RingTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
