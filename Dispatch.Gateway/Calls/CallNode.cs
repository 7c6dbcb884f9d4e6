using Dispatch.Contracts.Calls;
using Dispatch.Gateway.Calls.Sip;
using Dispatch.Gateway.Realtime;

namespace Dispatch.Gateway.Calls;

/// <summary>
/// This node's side of the calls whose media it carries: when the call grain says a call was answered or ended it
/// stops the phones (CANCEL, or BYE) and closes the legs; when the media plane drops a leg it ends the call.
/// <code>
///   grain ─CallSignals(media duty)─► answered by a browser ─► StopPhones      ended ─► StopPhones + Close(call)
///   ICallMediaPlane.LegDropped ─► grain.Fail(dropped, reason) ─► callEnded to both sides
/// </code>
/// </summary>
internal sealed partial class CallNode(GatewayObserver observer, IServiceProvider services, IGrainFactory grains, CallSipHook phones,
    ILogger<CallNode> logger) : IHostedService
{
    private ICallMediaPlane? _media;
    private bool _resolved;

    /// <summary>Resolved once: at shutdown the service provider may already be disposed.</summary>
    public ICallMediaPlane? Media
    {
        get
        {
            if (!_resolved)
            {
                _media = services.GetService<ICallMediaPlane>();
                _resolved = true;
            }
            return _media;
        }
    }

    public CallSipHook Phones => phones;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        observer.CallMediaDuty += OnMediaDuty;
        if (Media is { } media)
        {
            media.LegDropped += OnLegDropped;
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        observer.CallMediaDuty -= OnMediaDuty;
        if (_media is { } media)
        {
            media.LegDropped -= OnLegDropped;
        }
        return Task.CompletedTask;
    }

    private void OnMediaDuty(CallSignal signal)
    {
        var call = signal.Call;
        switch (signal.Kind)
        {
            case CallSignalKind.Answered when call.AnsweredDevice?.StartsWith("sip:", StringComparison.Ordinal) != true:
                phones.StopPhones(call.Id);
                Media?.CloseLeg(call.Id, CallSipHook.PhoneLeg);
                break;
            case CallSignalKind.Ended:
                phones.StopPhones(call.Id);
                Media?.Close(call.Id);
                break;
        }
    }

    private void OnLegDropped(CallLegDropped dropped)
    {
        LogLegDropped(logger, dropped.CallId, dropped.LegId, dropped.Reason);
        grains.GetGrain<ICallGrain>(dropped.CallId).Fail(CallOutcome.Dropped, CallEndCause.MediaDropped, $"media leg '{dropped.LegId}' dropped: {dropped.Reason}")
            .ContinueWith(t => LogFailFailed(logger, dropped.CallId, t.Exception!.GetBaseException().Message),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: media leg {LegId} dropped: {Reason}")]
    private static partial void LogLegDropped(ILogger logger, string callId, string legId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: ending the call after a dropped leg failed: {Reason}")]
    private static partial void LogFailFailed(ILogger logger, string callId, string reason);
}
