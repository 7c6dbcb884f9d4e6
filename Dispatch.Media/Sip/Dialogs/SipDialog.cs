using System.Globalization;
using Dispatch.Media.Sip.Messages;
using Dispatch.Media.Sip.Transactions;

namespace Dispatch.Media.Sip.Dialogs;

/// <summary>
/// The state of one dialog (RFC 3261 §12): its id, both parties, the route set, the remote target and both CSeq
/// sequences. Sans-I/O: it builds requests and checks incoming ones; the caller sends them.
/// <code>
///   UAS: INVITE + our 1xx/2xx (§12.1.1)   UAC: INVITE + their 1xx/2xx (§12.1.2)
///        route set = Record-Route as is          route set = Record-Route reversed
///   in-dialog request (§12.2.1.1): Request-URI = remote target, Route = route set, CSeq = local + 1
/// </code>
/// Dispatch sends in-dialog requests to <see cref="Destination"/>, the address the peer's dialog-forming message
/// came from (or where its registration came from): phones behind NAT put unreachable addresses in Contact.
/// </summary>
public sealed class SipDialog
{
    private SipDialog(SipDialogId id, SipNameAddress localParty, SipNameAddress remoteParty, SipUri remoteTarget,
        IReadOnlyList<string> routeSet, SipDestination destination)
    {
        Id = id;
        LocalParty = localParty;
        RemoteParty = remoteParty;
        RemoteTarget = remoteTarget;
        RouteSet = routeSet;
        Destination = destination;
    }

    public SipDialogId Id { get; }

    public SipDialogState State { get; private set; } = SipDialogState.Early;

    /// <summary>Our URI and tag: From of the requests we send, To of those we receive.</summary>
    public SipNameAddress LocalParty { get; }

    public SipNameAddress RemoteParty { get; }

    /// <summary>The peer's Contact (§12.1.1, §12.1.2), refreshed by target refresh requests and their 2xx (§12.2).</summary>
    public SipUri RemoteTarget { get; private set; }

    /// <summary>Route header values in the order our requests carry them.</summary>
    public IReadOnlyList<string> RouteSet { get; private set; }

    public SipDestination Destination { get; }

    /// <summary>The CSeq of the last request we sent in this dialog (§12.2.1.1).</summary>
    public long LocalSequence { get; private set; }

    /// <summary>The CSeq of the last request the peer sent, or null before the first (§12.2.2).</summary>
    public long? RemoteSequence { get; private set; }

    /// <summary>RFC 3261 §12.1.1: the dialog a UAS forms by answering <paramref name="request"/> with <paramref name="response"/>.</summary>
    public static SipDialog ForUas(SipRequest request, SipResponse response, SipDestination source)
    {
        var to = response.To ?? throw new ArgumentException("The response has no To.", nameof(response));
        var from = request.From ?? throw new ArgumentException("The request has no From.", nameof(request));
        var id = new SipDialogId(request.CallId ?? "", to.Tag ?? "", from.Tag ?? "");
        var routes = request.Headers.Elements(SipHeaderNames.RecordRoute).ToList();
        var dialog = new SipDialog(id, to, from, request.Contacts.FirstOrDefault()?.Uri ?? request.RequestUri, routes, source)
        {
            RemoteSequence = request.CSeq?.Number,
        };
        dialog.ApplyResponseState(response);
        return dialog;
    }

    /// <summary>RFC 3261 §12.1.2: the dialog a UAC's <paramref name="request"/> forms with the response carrying a To tag.</summary>
    public static SipDialog ForUac(SipRequest request, SipResponse response, SipDestination destination)
    {
        var to = response.To ?? throw new ArgumentException("The response has no To.", nameof(response));
        var from = request.From ?? throw new ArgumentException("The request has no From.", nameof(request));
        var id = new SipDialogId(request.CallId ?? "", from.Tag ?? "", to.Tag ?? "");
        var routes = response.Headers.Elements(SipHeaderNames.RecordRoute).Reverse().ToList();
        var dialog = new SipDialog(id, from, to, response.Contacts.FirstOrDefault()?.Uri ?? request.RequestUri, routes, destination)
        {
            LocalSequence = request.CSeq?.Number ?? 1,
        };
        dialog.ApplyResponseState(response);
        return dialog;
    }

    /// <summary>
    /// A later response to the dialog-forming INVITE (§12.1.2, §13.2.2.4): a 2xx confirms the dialog and, for a UAC,
    /// refreshes the remote target and replaces the route set computed from an early 1xx.
    /// </summary>
    public void OnUacResponse(SipResponse response)
    {
        if (response.StatusCode is >= 200 and < 300 && State == SipDialogState.Early)
        {
            if (response.Contacts.FirstOrDefault() is { } contact)
            {
                RemoteTarget = contact.Uri;
            }
            RouteSet = response.Headers.Elements(SipHeaderNames.RecordRoute).Reverse().ToList();
        }
        ApplyResponseState(response);
    }

    private void ApplyResponseState(SipResponse response)
    {
        if (response.StatusCode is >= 200 and < 300 && State == SipDialogState.Early)
        {
            State = SipDialogState.Confirmed;
        }
    }

    public void Terminate() => State = SipDialogState.Terminated;

    /// <summary>§12.2.2: same Call-ID, To tag = our tag, From tag = the peer's tag.</summary>
    public bool Matches(SipMessage request) =>
        request.CallId == Id.CallId && request.To?.Tag == Id.LocalTag && request.From?.Tag == Id.RemoteTag;

    /// <summary>
    /// §12.2.2: a request whose CSeq is lower than the last one is out of order (answer 500); otherwise the remote
    /// sequence moves on. ACK and CANCEL carry the CSeq of the request they belong to and are not checked.
    /// </summary>
    public bool TryAcceptRemoteSequence(SipRequest request)
    {
        if (request.Method is "ACK" or "CANCEL" || request.CSeq is not { } cseq)
        {
            return true;
        }
        if (RemoteSequence is { } last && cseq.Number < last)
        {
            return false;
        }
        RemoteSequence = cseq.Number;
        return true;
    }

    /// <summary>§12.2.2 target refresh: a re-INVITE (or its 2xx) with a Contact moves the remote target.</summary>
    public void RefreshTarget(SipMessage message)
    {
        if (message.Contacts.FirstOrDefault() is { } contact)
        {
            RemoteTarget = contact.Uri;
        }
    }

    /// <summary>
    /// §12.2.1.1: a new request in the dialog (BYE, re-INVITE). Loose routing (route set starts with ;lr or is empty)
    /// targets the remote target; a strict router gets the Request-URI and the remote target goes last in Route.
    /// </summary>
    public SipRequest CreateRequest(string method, SipVia via, int maxForwards = 70)
    {
        LocalSequence++;
        return Build(method, via, LocalSequence, maxForwards);
    }

    /// <summary>§13.2.2.4: the ACK for a 2xx is its own transaction and carries the INVITE's CSeq number.</summary>
    public SipRequest CreateAck(long inviteSequence, SipVia via) => Build("ACK", via, inviteSequence, 70);

    private SipRequest Build(string method, SipVia via, long sequence, int maxForwards)
    {
        var routes = RouteSet.ToList();
        var requestUri = RemoteTarget;
        if (routes.Count > 0 && SipNameAddress.TryParse(routes[0], out var first) && !first.Uri.Parameters.Contains("lr"))
        {
            requestUri = first.Uri;
            routes.RemoveAt(0);
            routes.Add($"<{RemoteTarget}>");
        }
        var request = new SipRequest(method, requestUri);
        request.Headers.Add(SipHeaderNames.Via, via.ToString());
        request.Headers.Add(SipHeaderNames.MaxForwards, maxForwards.ToString(CultureInfo.InvariantCulture));
        foreach (var route in routes)
        {
            request.Headers.Add(SipHeaderNames.Route, route);
        }
        request.Headers.Add(SipHeaderNames.From, LocalParty.ToString());
        request.Headers.Add(SipHeaderNames.To, RemoteParty.ToString());
        request.Headers.Add(SipHeaderNames.CallId, Id.CallId);
        request.Headers.Add(SipHeaderNames.CSeq, new SipCSeq(sequence, method).ToString());
        return request;
    }
}
