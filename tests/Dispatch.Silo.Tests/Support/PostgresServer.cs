using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Dispatch.Silo.Tests.Support;

/// <summary>
/// A real, throw-away PostgreSQL server for tests: initdb into a temp folder, start on a free port on
/// 127.0.0.1 (its unix socket also in that folder), trust authentication for user <c>postgres</c>,
/// stopped and deleted on dispose. Works as an xunit class or collection fixture.
/// </summary>
/// <remarks>
/// Needs the server binaries under /usr/lib/postgresql/*/bin (Debian package <c>postgresql</c>); the
/// project's test script installs them. PostgreSQL refuses to run as root, so under root the folder is
/// handed to the <c>postgres</c> user and the binaries run through <c>runuser -u postgres --</c>.
/// </remarks>
public sealed class PostgresServer : IAsyncLifetime, IAsyncDisposable
{
    private const string BinariesRoot = "/usr/lib/postgresql";
    private const string SuperUser = "postgres";

    private string? _folder;
    private string? _bin;
    private bool _running;

    /// <summary>The TCP port the server listens on (127.0.0.1).</summary>
    public int Port { get; private set; }

    /// <summary>A connection string to the <c>postgres</c> database as the superuser.</summary>
    public string ConnectionString => ConnectionStringFor("postgres");

    /// <summary>Starts a server; the caller disposes it.</summary>
    public static async Task<PostgresServer> StartAsync()
    {
        var server = new PostgresServer();
        await server.InitializeAsync();
        return server;
    }

    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Database = database,
        // Each test opens few connections; keep the pool small so many databases fit max_connections.
        MaxPoolSize = 20,
        Timeout = 30,
    }.ToString();

    /// <summary>Creates a fresh database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name ??= "test_" + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"")}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionStringFor(name);
    }

    public async Task InitializeAsync()
    {
        _bin = FindBinaries();
        _folder = Directory.CreateTempSubdirectory("dispatch-pg-").FullName;
        var data = Path.Combine(_folder, "data");
        if (RunningAsRoot)
        {
            await RunAsync("chown", ["-R", $"{SuperUser}:{SuperUser}", _folder], asPostgres: false);
        }

        await RunAsync(Path.Combine(_bin, "initdb"),
            ["-D", data, "-U", SuperUser, "--auth=trust", "--encoding=UTF8", "--no-instructions"], asPostgres: true);

        // The free port is found by binding and releasing it: retry if another process takes it first.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreeTcpPort();
            var options = $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c max_connections=300 " +
                          "-c fsync=off -c synchronous_commit=off -c full_page_writes=off";
            try
            {
                await RunAsync(Path.Combine(_bin, "pg_ctl"),
                    ["-D", data, "-l", Path.Combine(_folder, "server.log"), "-o", options, "-w", "-t", "60", "start"],
                    asPostgres: true, captureOutput: false);
                _running = true;
                break;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
            catch (InvalidOperationException failure)
            {
                var log = Path.Combine(_folder, "server.log");
                var tail = File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(20)) : "(no server log)";
                throw new InvalidOperationException($"{failure.Message}\nServer log:\n{tail}", failure);
            }
        }

        AppDomain.CurrentDomain.ProcessExit += StopOnExit;
    }

    public async Task DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= StopOnExit;
        NpgsqlConnection.ClearAllPools();
        if (_running && _bin is not null && _folder is not null)
        {
            _running = false;
            await RunAsync(Path.Combine(_bin, "pg_ctl"),
                ["-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop"], asPostgres: true);
        }

        if (_folder is not null && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    private void StopOnExit(object? sender, EventArgs e) => DisposeAsync().GetAwaiter().GetResult();

    private static bool RunningAsRoot => Environment.UserName == "root";

    private static string FindBinaries()
    {
        var candidates = Directory.Exists(BinariesRoot)
            ? Directory.GetDirectories(BinariesRoot)
                .Select(dir => Path.Combine(dir, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .ToList()
            : [];
        return candidates.FirstOrDefault() ?? throw new InvalidOperationException(
            $"PostgreSQL server binaries (initdb, pg_ctl) were not found under {BinariesRoot}/*/bin. " +
            "These tests need a real PostgreSQL: run the project's test script (.ci/run), which installs the " +
            "Debian package 'postgresql', or install it yourself (apt-get install postgresql).");
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres, bool captureOutput = true)
    {
        var start = new ProcessStartInfo
        {
            FileName = asPostgres && RunningAsRoot ? "runuser" : program,
            UseShellExecute = false,
            // pg_ctl start leaves the server running: it must not inherit pipes we wait to see closed.
            RedirectStandardOutput = captureOutput,
            RedirectStandardError = captureOutput,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asPostgres && RunningAsRoot)
        {
            foreach (var prefix in new[] { "-u", SuperUser, "--", program })
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = captureOutput ? process.StandardOutput.ReadToEndAsync() : Task.FromResult("");
        var error = captureOutput ? process.StandardError.ReadToEndAsync() : Task.FromResult("");
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }
}
