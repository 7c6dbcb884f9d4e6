using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Dispatch.Silo.Storage.Sql;

namespace Dispatch.Silo.Storage.Schema;

/// <summary>
/// Applies the embedded scripts of one dialect in order, in one transaction:
/// <c>000_schema_version.sql</c> always (it only creates the version table if missing), then every
/// <c>NNN_name.sql</c> whose number is not yet in <c>dispatch_schema_version</c>.
/// </summary>
/// <remarks>
/// Each numbered script records its own number and uses IF NOT EXISTS throughout, so an operator may also
/// run the files by hand with <c>psql -f</c> before or after a silo did: nothing is applied twice.
/// </remarks>
internal static class SchemaMigrator
{
    private const string ResourcePrefix = "Dispatch.Schema/";

    public static async Task<bool> ApplyAsync(DbConnection connection, SqlDatabase database, CancellationToken cancellationToken)
    {
        var scripts = SchemaScript.ForDialect(database.Dialect);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        if (database.SchemaLockStatement is { } lockStatement)
        {
            await using var lockCommand = connection.CreateCommand(lockStatement, transaction);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var bootstrap in scripts.Where(s => s.Version == 0))
        {
            await ExecuteAsync(connection, transaction, bootstrap, cancellationToken);
        }

        var applied = await ReadAppliedVersionsAsync(connection, transaction, cancellationToken);
        foreach (var script in scripts.Where(s => s.Version > 0 && !applied.Contains(s.Version)))
        {
            await ExecuteAsync(connection, transaction, script, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task ExecuteAsync(
        DbConnection connection, DbTransaction transaction, SchemaScript script, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand(script.Sql, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<HashSet<int>> ReadAppliedVersionsAsync(
        DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand("SELECT version FROM dispatch_schema_version", transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = new HashSet<int>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
        }

        return versions;
    }

    /// <summary>One embedded script: <c>Dispatch.Schema/{dialect}/{NNN}_{name}.sql</c>.</summary>
    internal sealed record SchemaScript(int Version, string Name, string Sql)
    {
        public static IReadOnlyList<SchemaScript> ForDialect(string dialect)
        {
            var assembly = typeof(SchemaMigrator).Assembly;
            var prefix = ResourcePrefix + dialect + "/";
            var scripts = assembly.GetManifestResourceNames()
                .Where(name => name.Replace('\\', '/').StartsWith(prefix, StringComparison.Ordinal))
                .Select(name => Load(assembly, name, name.Replace('\\', '/')[prefix.Length..]))
                .OrderBy(script => script.Version)
                .ToList();
            if (!scripts.Any(s => s.Version > 0))
            {
                throw new InvalidOperationException($"No embedded schema scripts found for dialect '{dialect}'.");
            }

            return scripts;
        }

        private static SchemaScript Load(Assembly assembly, string resourceName, string fileName)
        {
            var digits = fileName.Split('_', 2)[0];
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException(
                    $"Schema script '{fileName}' must start with its version number, as in 001_initial.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resourceName)
                ?? throw new InvalidOperationException($"Embedded schema script '{resourceName}' cannot be read.");
            using var reader = new StreamReader(stream);
            return new SchemaScript(version, fileName, reader.ReadToEnd());
        }
    }
}
