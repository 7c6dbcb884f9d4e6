using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using Dispatch.Media.Sip.Messages;
using Dispatch.Media.Sip.Transactions;
using Dispatch.Media.Sip.Transport;

namespace Dispatch.Media.Sip.Server;

/// <summary>
/// The sans-I/O SIP server for a datagram transport: bytes and time in, datagrams and notices out.
/// <code>
///   datagram ─► parser ──error──► stateless 400/505/513 naming the fault (or drop, when unanswerable)
///                  └─ok─► Via received/rport ─► transactions ─► validator ──reject──► 4xx through the transaction
///                                                                 └─ok─► handler or MinimalUas ─► response
/// </code>
/// Not thread-safe: the host calls it from one thread at a time.
/// </summary>
public sealed class SipServerCore
{
    private readonly SipServerOptions _options;
    private readonly SipRequestValidator _validator;
    private readonly Queue<SipServerOutput> _outputs = new();

    public SipServerCore(TimeProvider time, SipServerOptions? options = null)
    {
        _options = options ?? new SipServerOptions();
        _validator = new SipRequestValidator(_options.Validation);
        Transactions = new SipTransactionLayer(time, _options.Timers);
        _options.TransactionUser?.Attach(this);
    }

    public SipTransactionLayer Transactions { get; }

    public DateTimeOffset? NextTimeout => Transactions.NextTimeout;

    /// <summary>One UDP datagram (RFC 3261 §18.3: a datagram holds one message; a missing Content-Length means "to the end").</summary>
    public void OnDatagram(ReadOnlyMemory<byte> data, IPEndPoint source) => OnMessage(data, source, reliable: false);

    /// <summary>
    /// One message cut from a stream by <see cref="SipStreamFramer"/>. Responses go back to the same connection
    /// (RFC 3261 §18.2.2), so the host maps the output destination to the connection of <paramref name="source"/>.
    /// </summary>
    public void OnStreamMessage(ReadOnlyMemory<byte> message, IPEndPoint source) => OnMessage(message, source, reliable: true);

    private void OnMessage(ReadOnlyMemory<byte> data, IPEndPoint source, bool reliable)
    {
        // RFC 5626 §3.5.1: a bare CRLF (or double CRLF) is a keep-alive ping; answer "pong" with a single CRLF.
        if (data.Span.SequenceEqual("\r\n\r\n"u8))
        {
            _outputs.Enqueue(new SipDatagram("\r\n"u8.ToArray(), source));
            return;
        }
        if (data.Span.TrimStart("\r\n"u8).IsEmpty)
        {
            return;
        }
        var result = SipMessageParser.Parse(data, _options.Parser);
        if (!result.IsSuccess)
        {
            AnswerParseError(result.Error, source, reliable);
            return;
        }
        if (result.Message is SipRequest request)
        {
            SipViaStamp.Apply(request.Headers, source, connection: reliable);
            var target = reliable ? source : SipResponseRouting.Resolve(request.TopVia, source, _options.SymmetricResponses);
            Transactions.Receive(request, new SipDestination(target, reliable));
        }
        else
        {
            Transactions.Receive(result.Message, new SipDestination(source, reliable));
        }
        Pump();
    }

    public void HandleTimeout()
    {
        Transactions.HandleTimeout();
        Pump();
        _options.TransactionUser?.OnTick();
        Pump();
    }

    /// <summary>
    /// Sends a message outside any transaction: the ACK for a 2xx (RFC 3261 §13.2.2.4), which the transaction
    /// user sends itself. Drained with the other outputs.
    /// </summary>
    public void SendDirect(SipMessage message, SipDestination destination) =>
        _outputs.Enqueue(Datagram(message, (IPEndPoint)destination.EndPoint));


    public bool TryPollOutput([NotNullWhen(true)] out SipServerOutput? output) => _outputs.TryDequeue(out output);

    /// <summary>
    /// RFC 3261 §8.2 and RFC 4475 §3.1.2: a malformed request is answered statelessly, copying whatever header
    /// fields could be read; responses and requests without a usable Via are dropped.
    /// </summary>
    private void AnswerParseError(SipParseError error, IPEndPoint source, bool reliable)
    {
        if (!error.IsRequest || error.Headers is not { } headers || !headers.Contains(SipHeaderNames.Via))
        {
            _outputs.Enqueue(new SipServerNotice(source, "dropped: " + error, Dropped: true));
            return;
        }
        SipViaStamp.Apply(headers, source);
        var response = SipResponseFactory.Create(headers, error.StatusCode, error.ReasonPhrase);
        AddServerHeader(response);
        SipVia.TryParse(headers[SipHeaderNames.Via]!.Split(',')[0], out var topVia);
        _outputs.Enqueue(new SipServerNotice(source, "answered: " + error, Dropped: false));
        var target = reliable ? source : SipResponseRouting.Resolve(topVia, source, _options.SymmetricResponses);
        _outputs.Enqueue(Datagram(response, target));
    }

    private void Pump()
    {
        while (Transactions.TryPollOutput(out var output))
        {
            switch (output)
            {
                case SipSendMessage { Serialized: { } bytes } send:
                    _outputs.Enqueue(new SipDatagram(bytes, (IPEndPoint)send.Destination.EndPoint));
                    break;
                case SipSendMessage send:
                    _outputs.Enqueue(Datagram(send.Message, (IPEndPoint)send.Destination.EndPoint));
                    break;
                case SipSendBytes resend:
                    _outputs.Enqueue(new SipDatagram(resend.Bytes, (IPEndPoint)resend.Destination.EndPoint));
                    break;
                case SipRequestReceived { Request.Method: "ACK" } ack:
                    // RFC 6026 §8.7: an ACK for a 2xx goes to the transaction user, with or without a transaction.
                    _options.TransactionUser?.OnRequest(ack.Transaction, ack);
                    break;
                case SipRequestReceived { Transaction: { } transaction } received:
                    Answer(transaction, received);
                    break;
                case SipResponseReceived response:
                    _options.TransactionUser?.OnResponse(response);
                    break;
                case SipTransactionTimedOut timedOut:
                    _options.TransactionUser?.OnTimedOut(timedOut.Transaction);
                    break;
            }
        }
    }

    private void Answer(ServerTransaction transaction, SipRequestReceived received)
    {
        var request = transaction.Request;
        SipResponse response;
        if (_validator.Validate(request) is { } rejection)
        {
            response = rejection.ToResponse(request.Headers);
            if (response.StatusCode == 401)
            {
                _options.Authenticator?.AddChallenges(response);
            }
        }
        else if (_options.TransactionUser?.OnRequest(transaction, received) == true)
        {
            return;
        }
        else if (request.Method == "CANCEL" && Transactions.TryFindCancelledInvite(transaction, out var invite))
        {
            // RFC 3261 §9.2: 200 to the CANCEL, 487 to the INVITE if it is still pending.
            invite.Respond(invite.Request.CreateResponse(487));
            response = request.CreateResponse(200);
        }
        else
        {
            var answer = _options.Handler?.Invoke(request) ?? ValueTask.FromResult<SipResponse?>(null);
            if (!answer.IsCompletedSuccessfully)
            {
                // The transaction keeps absorbing retransmissions until the host completes the answer.
                _outputs.Enqueue(new SipPendingAnswer(transaction, answer.AsTask()));
                return;
            }
            response = answer.Result ?? MinimalUas.Answer(request, _options.Validation);
        }
        Respond(transaction, response);
    }

    /// <summary>
    /// Finishes a <see cref="SipPendingAnswer"/> once its task has completed; the host calls this under the same
    /// one-at-a-time rule as every other input. A failed handler gets 500 (RFC 3261 §21.5.1).
    /// </summary>
    public void CompletePending(SipPendingAnswer pending)
    {
        var request = pending.Transaction.Request;
        var response = pending.Answer.IsCompletedSuccessfully
            ? pending.Answer.Result ?? MinimalUas.Answer(request, _options.Validation)
            : request.CreateResponse(500);
        Respond(pending.Transaction, response);
        Pump();
    }

    private void Respond(ServerTransaction transaction, SipResponse response)
    {
        AddServerHeader(response);
        if (StatelessChallenge.Applies(transaction, response, out var challenged))
        {
            StatelessChallenge.DeriveToTag(challenged.Request, response);
            challenged.TryRespondStatelessly(response);
            return;
        }
        transaction.Respond(response);
    }

    private SipDatagram Datagram(SipMessage message, IPEndPoint destination)
    {
        if (!_options.PooledDatagrams)
        {
            return new SipDatagram(message.ToBytes(), destination);
        }
        var buffer = ArrayPool<byte>.Shared.Rent(SipMessageWriter.Measure(message));
        return new SipDatagram(buffer, destination) { Length = SipMessageWriter.WriteTo(message, buffer), Rented = true };
    }

    private void AddServerHeader(SipResponse response)
    {
        if (!response.Headers.Contains("Server"))
        {
            response.Headers.Add("Server", _options.ServerName);
        }
    }
}
