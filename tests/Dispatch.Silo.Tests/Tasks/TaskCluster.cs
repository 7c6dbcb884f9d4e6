using Dispatch.Silo.Storage;
using Dispatch.Silo.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Dispatch.Silo.Tests.Tasks;

/// <summary>
/// An in-process single silo on a SQLite file, with one extra category whose grid deadline is a few
/// seconds, reminders allowed down to a second, and the same service id across restarts.
/// </summary>
internal static class TaskCluster
{
    public const string FastCategory = "test_fast";

    public static readonly TimeSpan FastGridDeadline = TimeSpan.FromSeconds(4);

    public static async Task<InProcessTestCluster> StartAsync(string dataFolder, TimeSpan? acceptWindow = null)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = "dispatch-task-tests";
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseDispatchSqliteStorage(dataFolder);
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.Services.Configure<TaskOptions>(o =>
            {
                o.Categories[FastCategory] = new TaskCategoryOptions
                {
                    Name = "测试快速", Grid = FastGridDeadline, Community = TimeSpan.FromHours(1), Town = TimeSpan.FromHours(1), City = TimeSpan.FromHours(1),
                };
                o.CheckPeriod = TimeSpan.FromSeconds(2);
                o.AcceptWindow = acceptWindow ?? o.AcceptWindow;
            });
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
