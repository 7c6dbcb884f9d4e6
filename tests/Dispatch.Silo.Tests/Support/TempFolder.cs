using Microsoft.Data.Sqlite;

namespace Dispatch.Silo.Tests.Support;

/// <summary>A data folder of its own for one test, removed afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() => Path = Directory.CreateTempSubdirectory("dispatch-test-").FullName;

    public string Path { get; }

    public void Dispose()
    {
        // Pooled SQLite connections keep the file open; let them go before deleting it.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a silo shutting down is left to the OS's temp cleaner.
        }
    }
}
