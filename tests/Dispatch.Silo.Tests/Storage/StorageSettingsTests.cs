using Dispatch.Silo.Storage;
using Microsoft.Extensions.Configuration;

namespace Dispatch.Silo.Tests.Storage;

public sealed class StorageSettingsTests
{
    private static StorageSettings Read(params (string Key, string Value)[] values) => StorageSettings.From(
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());

    [Fact]
    public void Without_configuration_the_node_uses_sqlite_in_the_data_folder()
    {
        var settings = Read();

        Assert.False(settings.IsPostgres);
        Assert.Equal("./data", settings.DataFolder);
    }

    [Fact]
    public void Postgres_mode_takes_the_dispatch_connection_string()
    {
        var settings = Read(("Dispatch:Storage", "postgres"), ("ConnectionStrings:Dispatch", "Host=db"));

        Assert.True(settings.IsPostgres);
        Assert.Equal("Host=db", settings.ConnectionString);
    }

    [Fact]
    public void Postgres_mode_without_a_connection_string_names_the_missing_key()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(("Dispatch:Storage", "postgres")));

        Assert.Contains("ConnectionStrings:Dispatch", error.Message);
    }

    [Fact]
    public void An_unknown_mode_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => Read(("Dispatch:Storage", "redis")));
    }
}
