using System.Net;
using Dispatch.Media.Sip.Server;
using Microsoft.Extensions.Logging;

namespace Dispatch.Media.Sip.Transport;

/// <summary>
/// What every SIP transport host shares: one <see cref="SipServerCore"/> fed one input at a time, a timer loop
/// for the transaction timers, and the dispatch of the core's outputs. The transport supplies only how bytes
/// reach a destination (a datagram, a TCP connection, a WebSocket).
/// <code>
///   transport receive ─┐ (lock) ┌─► SipDatagram ─► send (the transport's)
///   timer loop (tick) ─┴─► core ┼─► SipPendingAnswer ─► await, then CompletePending (lock)
///                               └─► SipServerNotice ─► log
/// </code>
/// </summary>
public sealed partial class SipCoreHost : IAsyncDisposable
{
    private readonly SipServerCore _core;
    private readonly TimeProvider _time;
    private readonly Action<SipDatagram> _send;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _timerLoop = Task.CompletedTask;

    /// <param name="send">Delivers one output message; must not throw for a peer that has gone.</param>
    public SipCoreHost(TimeProvider time, SipServerOptions? options, Action<SipDatagram> send, ILogger logger)
    {
        _time = time;
        _core = new SipServerCore(time, options);
        _send = send;
        _logger = logger;
        Stopping = _stop.Token;
    }

    /// <summary>How often transaction timers are checked; timers are 500 ms and up, so 20 ms is precise enough.</summary>
    public TimeSpan TimerTick { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Cancelled when the host stops; safe to read after disposal.</summary>
    public CancellationToken Stopping { get; }

    public void Start() => _timerLoop = Task.Run(TimerLoopAsync);

    private async Task TimerLoopAsync()
    {
        using var timer = new PeriodicTimer(TimerTick, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                Process(null, core => core.HandleTimeout());
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Feeds one input to the core and carries out what it asks; never throws (issue 4: the receive loop never dies).</summary>
    public void Process(IPEndPoint? source, Action<SipServerCore> input)
    {
        var outputs = new List<SipServerOutput>();
        try
        {
            lock (_gate)
            {
                input(_core);
                while (_core.TryPollOutput(out var output))
                {
                    outputs.Add(output);
                }
            }
        }
#pragma warning disable CA1031 // One bad message must not take a receive loop down.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogProcessingFailed(e, source);
        }
        foreach (var output in outputs)
        {
            switch (output)
            {
                case SipDatagram datagram:
                    _send(datagram);
                    break;
                case SipPendingAnswer pending:
                    // On the thread that completed the answer: a hop to the thread pool per REGISTER costs more than the
                    // short locked step it would run.
                    _ = pending.Completion.ContinueWith(_ => Process(source, core => core.CompletePending(pending)),
                        CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                    break;
                case SipServerNotice { Dropped: true } notice:
                    LogDropped(notice.Source, notice.Text);
                    break;
                case SipServerNotice notice:
                    LogAnswered(notice.Source, notice.Text);
                    break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }
        await _stop.CancelAsync();
        await _timerLoop;
        _stop.Dispose();
    }
}
