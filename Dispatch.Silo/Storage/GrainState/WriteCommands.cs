using System.Data;
using System.Data.Common;
using Dispatch.Silo.Storage.Sql;

namespace Dispatch.Silo.Storage.GrainState;

/// <summary>
/// The insert and the update of a grain state row, created and prepared once for a connection and run again with
/// new values: a state write on SQLite spent more time parsing its statement and finding its six parameters by
/// name than storing the row (a perf profile of a 5,000-worker send, docs/realtime.md). Used by one write at a
/// time, as the connection is.
/// </summary>
internal sealed class WriteCommands
{
    public const string Service = "@service";
    public const string Grain = "@grain";
    public const string Name = "@name";
    public const string Payload = "@payload";
    public const string Now = "@now";
    public const string ETag = "@etag";

    public WriteCommands(DbConnection connection)
    {
        Insert = Prepared(connection, """
            INSERT INTO dispatch_grain_state (service_id, grain_id, state_name, payload, etag, updated_at_ms)
            VALUES (@service, @grain, @name, @payload, 1, @now)
            ON CONFLICT DO NOTHING
            """, Service, Grain, Name, Payload, Now);
        Update = Prepared(connection, """
            UPDATE dispatch_grain_state SET payload = @payload, etag = etag + 1, updated_at_ms = @now
            WHERE service_id = @service AND grain_id = @grain AND state_name = @name AND etag = @etag
            RETURNING etag
            """, Service, Grain, Name, Payload, Now, ETag);
    }

    /// <summary>Parameters: <see cref="Service"/>, <see cref="Grain"/>, <see cref="Name"/>, <see cref="Payload"/>, <see cref="Now"/>.</summary>
    public DbCommand Insert { get; }

    /// <summary>As <see cref="Insert"/>, and <see cref="ETag"/>, the one expected.</summary>
    public DbCommand Update { get; }

    private static DbCommand Prepared(DbConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand(sql);
        foreach (var name in parameters)
        {
            command.With(name, null, name == Payload ? DbType.Binary : null);
        }
        return command;
    }
}
