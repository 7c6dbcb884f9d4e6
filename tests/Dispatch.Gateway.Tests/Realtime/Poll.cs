namespace Dispatch.Gateway.Tests.Realtime;

/// <summary>Waits for a condition with a deadline; never a fixed sleep.</summary>
internal static class Poll
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not happen within {timeout}; last seen: {value}");
            }
            await Task.Delay(50);
        }
    }
}
