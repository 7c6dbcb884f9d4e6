using System.Data.Common;
using System.Globalization;
using Dispatch.Silo.Storage.Sql;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Dispatch.Silo.Storage.Reminders;

/// <summary>
/// Orleans reminders in <c>dispatch_reminders</c>, keyed by service id so they outlive any one cluster.
/// StartAt and Period are stored, so after a restart the reminder service re-reads them and fires on time.
/// </summary>
/// <remarks>
/// Each upsert gets a fresh random etag: a remove carrying the etag of an older incarnation of the same
/// reminder is refused even if the reminder was deleted and registered again in between.
/// </remarks>
internal sealed class SqlReminderTable : IReminderTable
{
    private const string Columns = "grain_id, reminder_name, start_at_ms, period_ms, etag";

    private readonly SqlDatabase _database;
    private readonly string _serviceId;

    public SqlReminderTable(SqlDatabase database, IOptions<ClusterOptions> cluster)
    {
        _database = database;
        _serviceId = cluster.Value.ServiceId;
    }

    public Task StartAsync(CancellationToken cancellationToken = default) => _database.EnsureSchemaAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    public Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken) =>
        QueryAsync(
            $"SELECT {Columns} FROM dispatch_reminders WHERE service_id = @service AND grain_id = @grain",
            command => command.With("grain", grainId.ToString()),
            cancellationToken);

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    /// <summary>
    /// The rows whose grain hash lies in the ring range (begin, end]. When begin &gt;= end the range wraps
    /// past 2^32-1 to 0; begin == end is the whole ring, as a lone silo asks for.
    /// </summary>
    public Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken)
    {
        var range = begin < end
            ? "grain_hash > @begin AND grain_hash <= @end"
            : "(grain_hash > @begin OR grain_hash <= @end)";
        return QueryAsync(
            $"SELECT {Columns} FROM dispatch_reminders WHERE service_id = @service AND {range}",
            command => command.With("begin", (long)begin).With("end", (long)end),
            cancellationToken);
    }

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) =>
        ReadRow(grainId, reminderName, CancellationToken.None);

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            $"SELECT {Columns} FROM dispatch_reminders WHERE service_id = @service AND grain_id = @grain AND reminder_name = @name",
            command => command.With("grain", grainId.ToString()).With("name", reminderName),
            cancellationToken);
        return rows.Reminders.FirstOrDefault();
    }

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    public async Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        const string Sql = """
            INSERT INTO dispatch_reminders (service_id, grain_id, reminder_name, grain_hash, start_at_ms, period_ms, etag)
            VALUES (@service, @grain, @name, @hash, @start, @period, @etag)
            ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE SET
                grain_hash = excluded.grain_hash, start_at_ms = excluded.start_at_ms,
                period_ms = excluded.period_ms, etag = excluded.etag
            """;
        var etag = Guid.NewGuid().ToString("N");
        return await _database.WriteAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand(Sql)
                .With("service", _serviceId)
                .With("grain", entry.GrainId.ToString())
                .With("name", entry.ReminderName)
                .With("hash", (long)entry.GrainId.GetUniformHashCode())
                .With("start", UnixTime.ToMilliseconds(entry.StartAt))
                .With("period", (long)entry.Period.TotalMilliseconds)
                .With("etag", etag);
            await command.ExecuteNonQueryAsync(ct);
            return etag;
        }, cancellationToken);
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) =>
        RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken)
    {
        const string Sql = """
            DELETE FROM dispatch_reminders
            WHERE service_id = @service AND grain_id = @grain AND reminder_name = @name AND etag = @etag
            """;
        return _database.WriteAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand(Sql)
                .With("service", _serviceId)
                .With("grain", grainId.ToString())
                .With("name", reminderName)
                .With("etag", eTag);
            return await command.ExecuteNonQueryAsync(ct) > 0;
        }, cancellationToken);
    }

    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    public Task TestOnlyClearTable(CancellationToken cancellationToken) =>
        _database.WriteAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand("DELETE FROM dispatch_reminders WHERE service_id = @service")
                .With("service", _serviceId);
            return await command.ExecuteNonQueryAsync(ct);
        }, cancellationToken);

    private Task<ReminderTableData> QueryAsync(string sql, Action<DbCommand> bind, CancellationToken cancellationToken) =>
        _database.ReadAsync(async (connection, ct) =>
        {
            await using var command = connection.CreateCommand(sql).With("service", _serviceId);
            bind(command);
            await using var reader = await command.ExecuteReaderAsync(ct);
            var entries = new List<ReminderEntry>();
            while (await reader.ReadAsync(ct))
            {
                entries.Add(new ReminderEntry
                {
                    GrainId = GrainId.Parse(reader.GetString(0), CultureInfo.InvariantCulture),
                    ReminderName = reader.GetString(1),
                    StartAt = UnixTime.FromMilliseconds(Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture)),
                    Period = TimeSpan.FromMilliseconds(Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture)),
                    ETag = reader.GetString(4),
                });
            }

            return new ReminderTableData(entries);
        }, cancellationToken);
}
