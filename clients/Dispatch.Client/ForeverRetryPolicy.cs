using Microsoft.AspNetCore.SignalR.Client;

namespace Dispatch.Client;

/// <summary>Reconnect at once, then after 1, 2, 4 … seconds up to a ceiling, and never give up.</summary>
internal sealed class ForeverRetryPolicy(TimeSpan ceiling) : IRetryPolicy
{
    public TimeSpan? NextRetryDelay(RetryContext retryContext)
    {
        if (retryContext.PreviousRetryCount == 0)
        {
            return TimeSpan.Zero;
        }
        var seconds = Math.Pow(2, Math.Min(retryContext.PreviousRetryCount - 1, 10));
        var delay = TimeSpan.FromSeconds(seconds);
        return delay < ceiling ? delay : ceiling;
    }
}
