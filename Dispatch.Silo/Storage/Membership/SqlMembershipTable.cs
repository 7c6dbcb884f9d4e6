using System.Data.Common;
using System.Globalization;
using System.Net;
using Dispatch.Silo.Storage.Sql;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Dispatch.Silo.Storage.Membership;

/// <summary>
/// Orleans cluster membership in <c>dispatch_membership</c> and <c>dispatch_membership_version</c>,
/// one set of rows per cluster id. Registered for PostgreSQL; the SQL is plain enough for SQLite too.
/// </summary>
/// <remarks>
/// <code>
///   InsertRow / UpdateRow, in one transaction:
///     UPDATE version  SET version = new, version_etag + 1  WHERE version_etag = read etag  -- 0 rows: false
///     INSERT row ON CONFLICT DO NOTHING   |   UPDATE row ... WHERE etag = row etag       -- 0 rows: false
///     COMMIT
/// </code>
/// A false answer rolls everything back; Orleans then re-reads the table and tries again.
/// </remarks>
internal sealed class SqlMembershipTable : IMembershipTable
{
    private readonly SqlDatabase _database;
    private readonly string _clusterId;

    public SqlMembershipTable(SqlDatabase database, IOptions<ClusterOptions> cluster)
    {
        _database = database;
        _clusterId = cluster.Value.ClusterId;
    }

    public Task InitializeMembershipTable(bool tryInitTableVersion) =>
        InitializeMembershipTableAsync(tryInitTableVersion, CancellationToken.None);

    public Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken cancellationToken)
    {
        if (!tryInitTableVersion)
        {
            return _database.EnsureSchemaAsync(cancellationToken);
        }

        return _database.WriteAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand("""
                INSERT INTO dispatch_membership_version (cluster_id, version, version_etag)
                VALUES (@cluster, 0, 0) ON CONFLICT DO NOTHING
                """).With("cluster", _clusterId);
            return await command.ExecuteNonQueryAsync(ct);
        }, cancellationToken);
    }

    public Task<MembershipTableData> ReadAll() => ReadAllAsync(CancellationToken.None);

    public Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken) =>
        ReadAsync(silo: null, cancellationToken);

    public Task<MembershipTableData> ReadRow(SiloAddress key) => ReadRowAsync(key, CancellationToken.None);

    public Task<MembershipTableData> ReadRowAsync(SiloAddress key, CancellationToken cancellationToken) =>
        ReadAsync(key, cancellationToken);

    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) =>
        InsertRowAsync(entry, tableVersion, CancellationToken.None);

    public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken)
    {
        const string Sql = """
            INSERT INTO dispatch_membership (cluster_id, address, port, generation, silo_name, host_name, status,
                proxy_port, suspect_times, start_time_ms, iamalive_time_ms, etag)
            VALUES (@cluster, @address, @port, @generation, @silo_name, @host_name, @status,
                @proxy_port, @suspect_times, @start_time, @iamalive_time, 1)
            ON CONFLICT DO NOTHING
            """;
        return ChangeRowAsync(tableVersion, async (connection, transaction, ct) =>
        {
            await using var command = BindEntry(connection.CreateCommand(Sql, transaction), entry);
            return await command.ExecuteNonQueryAsync(ct) == 1;
        }, cancellationToken);
    }

    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) =>
        UpdateRowAsync(entry, etag, tableVersion, CancellationToken.None);

    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken cancellationToken)
    {
        const string Sql = """
            UPDATE dispatch_membership SET silo_name = @silo_name, host_name = @host_name, status = @status,
                proxy_port = @proxy_port, suspect_times = @suspect_times, start_time_ms = @start_time,
                iamalive_time_ms = @iamalive_time, etag = etag + 1
            WHERE cluster_id = @cluster AND address = @address AND port = @port AND generation = @generation
                AND etag = @etag
            """;
        if (!long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var expected))
        {
            return Task.FromResult(false);
        }

        return ChangeRowAsync(tableVersion, async (connection, transaction, ct) =>
        {
            await using var command = BindEntry(connection.CreateCommand(Sql, transaction), entry).With("etag", expected);
            return await command.ExecuteNonQueryAsync(ct) == 1;
        }, cancellationToken);
    }

    public Task UpdateIAmAlive(MembershipEntry entry) => UpdateIAmAliveAsync(entry, CancellationToken.None);

    /// <summary>Only the liveness time changes: no table version bump, no etag change, as Orleans expects.</summary>
    public Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken) =>
        _database.WriteAsync(async (connection, ct) =>
        {
            await using var command = BindKey(connection.CreateCommand("""
                UPDATE dispatch_membership SET iamalive_time_ms = @iamalive_time
                WHERE cluster_id = @cluster AND address = @address AND port = @port AND generation = @generation
                """), entry.SiloAddress)
                .With("iamalive_time", UnixTime.ToMilliseconds(entry.IAmAliveTime));
            return await command.ExecuteNonQueryAsync(ct);
        }, cancellationToken);

    public Task DeleteMembershipTableEntries(string clusterId) =>
        DeleteMembershipTableEntriesAsync(clusterId, CancellationToken.None);

    public Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken cancellationToken) =>
        _database.WriteAsync(async (connection, ct) =>
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using var command = connection.CreateCommand("""
                DELETE FROM dispatch_membership WHERE cluster_id = @cluster;
                DELETE FROM dispatch_membership_version WHERE cluster_id = @cluster
                """, transaction).With("cluster", clusterId);
            var deleted = await command.ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);
            return deleted;
        }, cancellationToken);

    public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate) =>
        CleanupDefunctSiloEntriesAsync(beforeDate, CancellationToken.None);

    /// <summary>Forgets silos that are no longer active and have not said they are alive since the given time.</summary>
    public Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken) =>
        _database.WriteAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand("""
                DELETE FROM dispatch_membership
                WHERE cluster_id = @cluster AND status <> @active AND iamalive_time_ms < @before
                """)
                .With("cluster", _clusterId)
                .With("active", (int)SiloStatus.Active)
                .With("before", UnixTime.ToMilliseconds(beforeDate));
            return await command.ExecuteNonQueryAsync(ct);
        }, cancellationToken);

    private Task<bool> ChangeRowAsync(
        TableVersion tableVersion,
        Func<DbConnection, DbTransaction, CancellationToken, Task<bool>> change,
        CancellationToken cancellationToken)
    {
        if (!long.TryParse(tableVersion.VersionEtag, NumberStyles.None, CultureInfo.InvariantCulture, out var versionEtag))
        {
            return Task.FromResult(false);
        }

        return _database.WriteAsync(async (connection, ct) =>
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using var bump = connection.CreateCommand("""
                UPDATE dispatch_membership_version SET version = @version, version_etag = version_etag + 1
                WHERE cluster_id = @cluster AND version_etag = @version_etag
                """, transaction)
                .With("cluster", _clusterId)
                .With("version", tableVersion.Version)
                .With("version_etag", versionEtag);
            if (await bump.ExecuteNonQueryAsync(ct) != 1 || !await change(connection, transaction, ct))
            {
                await transaction.RollbackAsync(ct);
                return false;
            }

            await transaction.CommitAsync(ct);
            return true;
        }, cancellationToken);
    }

    /// <summary>The table version and the rows (all, or one silo's) in one statement, so they agree.</summary>
    private Task<MembershipTableData> ReadAsync(SiloAddress? silo, CancellationToken cancellationToken)
    {
        var rowFilter = silo is null
            ? ""
            : " AND m.address = @address AND m.port = @port AND m.generation = @generation";
        var sql = $"""
            SELECT v.version, v.version_etag, m.address, m.port, m.generation, m.silo_name, m.host_name, m.status,
                m.proxy_port, m.suspect_times, m.start_time_ms, m.iamalive_time_ms, m.etag
            FROM dispatch_membership_version v
            LEFT JOIN dispatch_membership m ON m.cluster_id = v.cluster_id{rowFilter}
            WHERE v.cluster_id = @cluster
            """;
        return _database.ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand(sql).With("cluster", _clusterId);
            if (silo is not null)
            {
                BindKey(command, silo);
            }

            await using var reader = await command.ExecuteReaderAsync(ct);
            var version = new TableVersion(0, "0");
            var rows = new List<Tuple<MembershipEntry, string>>();
            while (await reader.ReadAsync(ct))
            {
                version = new TableVersion(
                    Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture),
                    Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                if (!reader.IsDBNull(2))
                {
                    rows.Add(ReadEntry(reader));
                }
            }

            return new MembershipTableData(rows, version);
        }, cancellationToken);
    }

    private static Tuple<MembershipEntry, string> ReadEntry(DbDataReader reader)
    {
        long Long(int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
        int Int(int ordinal) => Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

        var entry = new MembershipEntry
        {
            SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Parse(reader.GetString(2)), Int(3)), Int(4)),
            SiloName = reader.GetString(5),
            HostName = reader.GetString(6),
            Status = (SiloStatus)Int(7),
            ProxyPort = Int(8),
            SuspectTimes = SuspectTimesFormat.Read(reader.IsDBNull(9) ? null : reader.GetString(9)),
            StartTime = UnixTime.FromMilliseconds(Long(10)),
            IAmAliveTime = UnixTime.FromMilliseconds(Long(11)),
        };
        return Tuple.Create(entry, Long(12).ToString(CultureInfo.InvariantCulture));
    }

    private DbCommand BindKey(DbCommand command, SiloAddress silo) => command
        .With("cluster", _clusterId)
        .With("address", silo.Endpoint.Address.ToString())
        .With("port", silo.Endpoint.Port)
        .With("generation", silo.Generation);

    private DbCommand BindEntry(DbCommand command, MembershipEntry entry) => BindKey(command, entry.SiloAddress)
        .With("silo_name", entry.SiloName ?? "")
        .With("host_name", entry.HostName ?? "")
        .With("status", (int)entry.Status)
        .With("proxy_port", entry.ProxyPort)
        .With("suspect_times", SuspectTimesFormat.Write(entry.SuspectTimes))
        .With("start_time", UnixTime.ToMilliseconds(entry.StartTime))
        .With("iamalive_time", UnixTime.ToMilliseconds(entry.IAmAliveTime));
}
