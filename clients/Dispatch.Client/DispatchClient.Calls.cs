using Microsoft.AspNetCore.SignalR.Client;

namespace Dispatch.Client;

/// <summary>Calls (docs/protocol.md, "Calls"): the hub methods, and the call events as .NET events.</summary>
public sealed partial class DispatchClient
{
    /// <summary>A call rings on this device (<c>callRinging</c>).</summary>
    public event Action<CallInfo>? CallRinging;

    /// <summary>The callee answered this device's call (<c>callAnswered</c>).</summary>
    public event Action<CallInfo>? CallAnswered;

    /// <summary>A call that rang here was answered on another device (<c>callAnsweredElsewhere</c>).</summary>
    public event Action<CallInfo>? CallAnsweredElsewhere;

    /// <summary>A call this device rang, made or answered has ended; <see cref="CallInfo.Outcome"/> and <see cref="CallInfo.Reason"/> say why.</summary>
    public event Action<CallInfo>? CallEnded;

    /// <summary>Calls a worker with this device's SDP offer (ICE gathering complete); returns the server's SDP answer.</summary>
    public Task<CallStartResult> StartCallAsync(string calleeWorkerId, string sdpOffer, CancellationToken cancellationToken = default) =>
        Hub.InvokeAsync<CallStartResult>("StartCall", calleeWorkerId, sdpOffer, cancellationToken);

    /// <summary>Answers a call ringing here with this device's SDP offer; returns the server's SDP answer.</summary>
    public Task<string> AnswerCallAsync(string callId, string sdpOffer, CancellationToken cancellationToken = default) =>
        Hub.InvokeAsync<string>("AnswerCall", callId, sdpOffer, cancellationToken);

    /// <summary>A new offer on this device's leg of a connected call (an ICE restart); returns the server's new SDP answer.</summary>
    public Task<string> RenegotiateCallAsync(string callId, string sdpOffer, CancellationToken cancellationToken = default) =>
        Hub.InvokeAsync<string>("RenegotiateCall", callId, sdpOffer, cancellationToken);

    public Task DeclineCallAsync(string callId, CancellationToken cancellationToken = default) =>
        Hub.InvokeAsync("DeclineCall", callId, cancellationToken);

    /// <summary>Cancels (caller, while ringing), declines (callee, while ringing) or ends a call.</summary>
    public Task HangUpAsync(string callId, CancellationToken cancellationToken = default) =>
        Hub.InvokeAsync("HangUp", callId, cancellationToken);

    public Task<CallInfo> GetCallAsync(string callId, CancellationToken cancellationToken = default) =>
        Hub.InvokeAsync<CallInfo>("GetCall", callId, cancellationToken);

    private void OnCallEvents(HubConnection connection)
    {
        connection.On<CallInfo>("callRinging", c => CallRinging?.Invoke(c));
        connection.On<CallInfo>("callAnswered", c => CallAnswered?.Invoke(c));
        connection.On<CallInfo>("callAnsweredElsewhere", c => CallAnsweredElsewhere?.Invoke(c));
        connection.On<CallInfo>("callEnded", c => CallEnded?.Invoke(c));
    }
}
