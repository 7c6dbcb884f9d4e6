namespace Dispatch.Silo.Tests.Tasks;

/// <summary>Waits for a condition with a generous timeout and fails saying what was last seen.</summary>
internal static class Poll
{
    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met within {timeout}; last seen: {value}");
            }
            await Task.Delay(200);
        }
    }
}
