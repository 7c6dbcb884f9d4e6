namespace Dispatch.Silo.Storage.Sql;

/// <summary>Times are stored as Unix epoch milliseconds (UTC) so both dialects use one plain integer column.</summary>
internal static class UnixTime
{
    public static long ToMilliseconds(DateTime time)
    {
        var utc = time.Kind switch
        {
            DateTimeKind.Local => time.ToUniversalTime(),
            DateTimeKind.Unspecified => DateTime.SpecifyKind(time, DateTimeKind.Utc),
            _ => time,
        };
        return new DateTimeOffset(utc).ToUnixTimeMilliseconds();
    }

    public static long ToMilliseconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public static DateTime FromMilliseconds(long milliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(milliseconds).UtcDateTime;
}
