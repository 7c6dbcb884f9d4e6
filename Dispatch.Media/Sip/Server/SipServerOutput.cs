using System.Net;
using Dispatch.Media.Sip.Messages;
using Dispatch.Media.Sip.Transactions;

namespace Dispatch.Media.Sip.Server;

/// <summary>What <see cref="SipServerCore"/> asks its host to do.</summary>
public abstract record SipServerOutput;

/// <summary>Send these bytes to that endpoint.</summary>
public sealed record SipDatagram(byte[] Data, IPEndPoint Destination) : SipServerOutput;

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
