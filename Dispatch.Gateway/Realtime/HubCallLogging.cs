using Microsoft.AspNetCore.SignalR;

namespace Dispatch.Gateway.Realtime;

/// <summary>
/// Logs every refused hub call with who made it, and turns an unexpected failure into a plain
/// <see cref="HubException"/> so no internal detail reaches the caller.
/// </summary>
internal sealed partial class HubCallLogging(ILogger<HubCallLogging> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(context);
        }
        catch (HubException e)
        {
            LogRefused(context.HubMethodName, context.Context.UserIdentifier ?? context.Context.User?.Identity?.Name, context.Context.ConnectionId, e.Message);
            throw;
        }
        catch (Exception e)
        {
            LogFailed(context.HubMethodName, context.Context.ConnectionId, e);
            throw new HubException($"'{context.HubMethodName}' failed on the server (the server log has the cause); it is safe to call it again.");
        }
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        try
        {
            await next(context);
        }
        catch (HubException e)
        {
            LogRefused("connect", context.Context.User?.Identity?.Name, context.Context.ConnectionId, e.Message);
            throw;
        }
        catch (Exception e)
        {
            LogFailed("connect", context.Context.ConnectionId, e);
            throw new HubException("Connecting failed on the server (the server log has the cause); reconnect.");
        }
    }

    [LoggerMessage(LogLevel.Warning, "Hub call {Method} by {User} on {ConnectionId} refused: {Reason}")]
    private partial void LogRefused(string method, string? user, string connectionId, string reason);

    [LoggerMessage(LogLevel.Error, "Hub call {Method} on {ConnectionId} failed")]
    private partial void LogFailed(string method, string connectionId, Exception e);
}
