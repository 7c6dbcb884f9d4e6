using System.Net.WebSockets;
using System.Threading.Channels;

namespace Dispatch.Media.Sip.Transport;

/// <summary>
/// One client's WebSocket with a send queue: a WebSocket allows one send at a time, while responses come from the
/// receive loop, the timer loop and completed grain calls. Messages go out whole, one per WebSocket message (RFC 7118 §5.1).
/// </summary>
internal sealed class SipWebSocketConnection(WebSocket socket)
{
    private readonly Channel<byte[]> _outgoing = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(256)
    {
        SingleReader = true,
        // A client that reads nothing must not grow memory; its oldest messages go (they would be retransmitted or timed out).
        FullMode = BoundedChannelFullMode.DropOldest,
    });

    private readonly SemaphoreSlim _sending = new(1, 1);

    public WebSocket Socket { get; } = socket;

    /// <summary>Replies use the frame type the client last used (RFC 7118 §5.1 allows both).</summary>
    public bool ReplyAsText { get; set; } = true;

    public bool Enqueue(byte[] message) => _outgoing.Writer.TryWrite(message);

    public void Complete() => _outgoing.Writer.TryComplete();

    public async Task WriteLoopAsync(CancellationToken stop)
    {
        try
        {
            await foreach (var message in _outgoing.Reader.ReadAllAsync(stop))
            {
                await SendAsync(message, ReplyAsText ? WebSocketMessageType.Text : WebSocketMessageType.Binary, stop);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The connection is gone; the read loop sees it too and cleans up.
        }
    }

    public async Task CloseAsync(WebSocketCloseStatus status, string reason, CancellationToken stop)
    {
        Complete();
        await _sending.WaitAsync(stop);
        try
        {
            if (Socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await Socket.CloseOutputAsync(status, reason, stop);
            }
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task SendAsync(byte[] message, WebSocketMessageType type, CancellationToken stop)
    {
        await _sending.WaitAsync(stop);
        try
        {
            await Socket.SendAsync(message, type, endOfMessage: true, stop);
        }
        finally
        {
            _sending.Release();
        }
    }
}
