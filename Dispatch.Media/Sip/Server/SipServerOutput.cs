using System.Buffers;
using System.Net;
using Dispatch.Media.Sip.Messages;
using Dispatch.Media.Sip.Transactions;

namespace Dispatch.Media.Sip.Server;

/// <summary>What <see cref="SipServerCore"/> asks its host to do.</summary>
public abstract record SipServerOutput;

/// <summary>
/// Send these bytes (the first <see cref="Length"/> of <see cref="Data"/>) to that endpoint. With
/// <see cref="SipServerOptions.PooledDatagrams"/> the array is rented: send <see cref="Payload"/>, then <see cref="Release"/>.
/// </summary>
public sealed record SipDatagram(byte[] Data, IPEndPoint Destination) : SipServerOutput
{
    private int _released;

    public int Length { get; init; } = Data.Length;

    public ReadOnlySpan<byte> Payload => Data.AsSpan(0, Length);

    internal bool Rented { get; init; }

    /// <summary>Gives a rented array back to the pool once the bytes are sent; does nothing for a plain one or a second time.</summary>
    public void Release()
    {
        if (Rented && Interlocked.Exchange(ref _released, 1) == 0)
        {
            ArrayPool<byte>.Shared.Return(Data);
        }
    }
}

/// <summary>Something worth a log line: a datagram dropped or a malformed request answered.</summary>
public sealed record SipServerNotice(IPEndPoint Source, string Text, bool Dropped) : SipServerOutput;

/// <summary>
/// The handler's answer to a request is not ready yet: await <see cref="Completion"/>, then hand this back to
/// <see cref="SipServerCore.CompletePending"/> (under the host's lock) to send the response.
/// </summary>
public sealed record SipPendingAnswer(ServerTransaction Transaction, Task<SipResponse?> Answer) : SipServerOutput
{
    /// <summary>Completes when the answer is ready or failed; never faults.</summary>
    public Task Completion => Answer.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
