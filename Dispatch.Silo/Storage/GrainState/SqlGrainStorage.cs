using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Dispatch.Silo.Storage.Sql;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Dispatch.Silo.Storage.GrainState;

/// <summary>
/// Grain state in <c>dispatch_grain_state</c>, one row per (service, grain, state name), on SQLite or PostgreSQL.
/// State is encoded with Orleans' own serializer, so <c>[GenerateSerializer]</c> types work and fields added or
/// removed later are tolerated.
/// </summary>
/// <remarks>
/// Optimistic concurrency: the row's etag is an integer that every write and clear increments. A write that
/// carries no etag may only create the row; a write that carries one must match it. Otherwise Orleans'
/// <see cref="InconsistentStateException"/> is thrown and the grain's state is left as it was.
/// </remarks>
internal sealed class SqlGrainStorage : IGrainStorage
{
    private readonly SqlDatabase _database;
    private readonly Serializer _serializer;
    private readonly IActivatorProvider _activators;
    private readonly string _serviceId;
    private readonly TimeProvider _time;

    /// <summary>The writer's statements, prepared once per connection (the SQLite group-commit writer keeps one).</summary>
    private readonly ConditionalWeakTable<DbConnection, WriteCommands> _writeCommands = new();

    public SqlGrainStorage(
        SqlDatabase database,
        Serializer serializer,
        IActivatorProvider activators,
        IOptions<ClusterOptions> cluster,
        TimeProvider time)
    {
        _database = database;
        _serializer = serializer;
        _activators = activators;
        _serviceId = cluster.Value.ServiceId;
        _time = time;
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var row = await _database.ReadAsync(
            (connection, ct) => ReadRowAsync(connection, null, stateName, grainId, ct), cancellationToken);

        if (row is { Payload: { } payload })
        {
            grainState.State = _serializer.Deserialize<T>(payload);
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = NewState<T>();
            grainState.RecordExists = false;
        }

        grainState.ETag = row?.ETag;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        var payload = _serializer.SerializeToArray(grainState.State);
        grainState.ETag = await StoreAsync(stateName, grainId, grainState.ETag, payload, cancellationToken);
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        grainState.ETag = await StoreAsync(stateName, grainId, grainState.ETag, payload: null, cancellationToken);
        grainState.State = NewState<T>();
        grainState.RecordExists = false;
    }

    /// <summary>
    /// Writes a payload (null clears) when the etag matches, and returns the new etag. One data-changing
    /// statement (an insert or an update; the read after a refusal changes nothing), as a grouped write must be.
    /// </summary>
    private Task<string> StoreAsync(string stateName, GrainId grainId, string? expectedETag, byte[]? payload, CancellationToken cancellationToken) =>
        _database.WriteGroupedAsync(async (connection, ct) =>
        {
            var now = UnixTime.ToMilliseconds(_time.GetUtcNow());
            long? newETag = expectedETag is null
                ? await InsertAsync(connection, stateName, grainId, payload, now, ct)
                : long.TryParse(expectedETag, NumberStyles.None, CultureInfo.InvariantCulture, out var expected)
                    ? await UpdateAsync(connection, stateName, grainId, expected, payload, now, ct)
                    : null;

            if (newETag is { } stored)
            {
                return stored.ToString(CultureInfo.InvariantCulture);
            }

            var current = await ReadRowAsync(connection, null, stateName, grainId, ct);
            throw new InconsistentStateException(
                $"The stored state '{stateName}' of grain {grainId} changed since it was read (etag {expectedETag ?? "none"}, stored {current?.ETag ?? "none"}).",
                current?.ETag ?? string.Empty,
                expectedETag ?? string.Empty);
        }, cancellationToken);

    private async Task<long?> InsertAsync(DbConnection connection, string stateName, GrainId grainId, byte[]? payload, long now, CancellationToken ct)
    {
        var command = Commands(connection).Insert;
        SetKey(command, stateName, grainId);
        command.Parameters[WriteCommands.Payload].Value = (object?)payload ?? DBNull.Value;
        command.Parameters[WriteCommands.Now].Value = now;
        return await command.ExecuteNonQueryAsync(ct) == 1 ? 1 : null;
    }

    private async Task<long?> UpdateAsync(DbConnection connection, string stateName, GrainId grainId, long expected, byte[]? payload, long now, CancellationToken ct)
    {
        var command = Commands(connection).Update;
        SetKey(command, stateName, grainId);
        command.Parameters[WriteCommands.Payload].Value = (object?)payload ?? DBNull.Value;
        command.Parameters[WriteCommands.Now].Value = now;
        command.Parameters[WriteCommands.ETag].Value = expected;
        var result = await command.ExecuteScalarAsync(ct);
        return result is null or DBNull ? null : Convert.ToInt64(result, CultureInfo.InvariantCulture);
    }

    private WriteCommands Commands(DbConnection connection) => _writeCommands.GetValue(connection, c => new WriteCommands(c));

    private void SetKey(DbCommand command, string stateName, GrainId grainId)
    {
        command.Parameters[WriteCommands.Service].Value = _serviceId;
        command.Parameters[WriteCommands.Grain].Value = grainId.ToString();
        command.Parameters[WriteCommands.Name].Value = stateName;
    }

    private async Task<StoredState?> ReadRowAsync(DbConnection connection, DbTransaction? transaction, string stateName, GrainId grainId, CancellationToken ct)
    {
        const string Sql = """
            SELECT payload, etag FROM dispatch_grain_state
            WHERE service_id = @service AND grain_id = @grain AND state_name = @name
            """;
        await using var command = Key(connection.CreateCommand(Sql, transaction), stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        var payload = reader.IsDBNull(0) ? null : (byte[])reader.GetValue(0);
        var etag = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
        return new StoredState(payload, etag.ToString(CultureInfo.InvariantCulture));
    }

    private DbCommand Key(DbCommand command, string stateName, GrainId grainId) =>
        command.With(WriteCommands.Service, _serviceId).With(WriteCommands.Grain, grainId.ToString()).With(WriteCommands.Name, stateName);

    private T NewState<T>() => _activators.GetActivator<T>().Create();

    private sealed record StoredState(byte[]? Payload, string ETag);
}
