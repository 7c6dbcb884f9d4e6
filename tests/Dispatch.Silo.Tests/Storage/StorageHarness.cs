using Dispatch.Silo.Storage.GrainState;
using Dispatch.Silo.Storage.Reminders;
using Dispatch.Silo.Storage.Sql;
using Dispatch.Silo.Tests.Storage.TestGrains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;

namespace Dispatch.Silo.Tests.Storage;

/// <summary>Builds the providers by hand, without a silo, for contract tests.</summary>
internal static class StorageHarness
{
    private static readonly IServiceProvider Serialization = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(CounterState).Assembly))
        .BuildServiceProvider();

    public static IOptions<ClusterOptions> Cluster(string serviceId, string clusterId = "test-cluster") =>
        Options.Create(new ClusterOptions { ServiceId = serviceId, ClusterId = clusterId });

    public static SqlGrainStorage GrainStorage(SqlDatabase database, string serviceId) => new(
        database,
        Serialization.GetRequiredService<Serializer>(),
        Serialization.GetRequiredService<IActivatorProvider>(),
        Cluster(serviceId),
        TimeProvider.System);

    public static SqlReminderTable ReminderTable(SqlDatabase database, string serviceId) => new(database, Cluster(serviceId));
}

/// <summary>The grain state a storage provider reads into and writes from.</summary>
internal sealed class TestGrainState<T> : IGrainState<T>
{
    public TestGrainState(T state) => State = state;

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public T State { get; set; }

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }
}
