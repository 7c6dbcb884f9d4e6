using System.Collections.Concurrent;
using Orleans.Runtime;

namespace Dispatch.Silo.Tests.Storage.TestGrains;

/// <summary>A grain with one persisted reminder; every tick is counted in <see cref="Ticks"/>.</summary>
public sealed class AlarmGrain : Grain, IAlarmGrain, IRemindable
{
    public const string ReminderName = "alarm";

    /// <summary>Ticks per grain key, visible to the test because the test cluster runs in this process.</summary>
    public static ConcurrentDictionary<string, int> Ticks { get; } = new();

    public async Task Arm(TimeSpan dueTime, TimeSpan period) =>
        await this.RegisterOrUpdateReminder(ReminderName, dueTime, period);

    public async Task Disarm()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        Ticks.AddOrUpdate(this.GetPrimaryKeyString(), 1, (_, count) => count + 1);
        return Task.CompletedTask;
    }
}
