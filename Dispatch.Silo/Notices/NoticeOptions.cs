namespace Dispatch.Silo.Notices;

/// <summary>The <c>Dispatch:Notices</c> section: when the silent are reminded and when they are listed for a call.</summary>
public sealed class NoticeOptions
{
    public const string Section = "Dispatch:Notices";

    /// <summary>After this long without a confirmation a recipient gets the notice pushed again.</summary>
    public TimeSpan RemindAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>After this long (from sending) those still silent are listed for a follow-up phone call.</summary>
    public TimeSpan FollowUpAfter { get; set; } = TimeSpan.FromHours(2);

    /// <summary>The reminder period; Orleans refuses one below its MinimumReminderPeriod (one minute unless configured).</summary>
    public TimeSpan CheckPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a save waits for more receipts to join it (group commit); each receipt waits at most this plus one write.</summary>
    public TimeSpan SaveCoalescing { get; set; } = TimeSpan.FromMilliseconds(100);
}
