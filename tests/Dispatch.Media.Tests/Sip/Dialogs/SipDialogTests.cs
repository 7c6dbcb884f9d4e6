using System.Net;
using Dispatch.Media.Sip.Dialogs;
using Dispatch.Media.Sip.Messages;
using Dispatch.Media.Sip.Transactions;

namespace Dispatch.Media.Tests.Sip.Dialogs;

/// <summary>RFC 3261 §12: dialog state from the INVITE and its response, on both sides.</summary>
public sealed class SipDialogTests
{
    private static readonly SipDestination Peer = new(new IPEndPoint(IPAddress.Parse("198.51.100.1"), 5060), false);

    private static SipRequest Invite()
    {
        var invite = new SipRequest("INVITE", SipUri.Create("sip", "bob", "example.com"));
        invite.Headers.Add(SipHeaderNames.Via, "SIP/2.0/UDP 198.51.100.1;branch=z9hG4bKa");
        invite.Headers.Add(SipHeaderNames.RecordRoute, "<sip:p1.example.com;lr>, <sip:p2.example.com;lr>");
        invite.Headers.Add(SipHeaderNames.From, "\"Alice\" <sip:alice@example.com>;tag=alice-tag");
        invite.Headers.Add(SipHeaderNames.To, "<sip:bob@example.com>");
        invite.Headers.Add(SipHeaderNames.CallId, "dialog-1");
        invite.Headers.Add(SipHeaderNames.CSeq, "314 INVITE");
        invite.Headers.Add(SipHeaderNames.Contact, "<sip:alice@198.51.100.1:5070>");
        return invite;
    }

    private static SipResponse Ok(SipRequest invite, string tag)
    {
        var ok = invite.CreateResponse(200, null, tag);
        foreach (var rr in invite.Headers.All(SipHeaderNames.RecordRoute))
        {
            ok.Headers.Add(SipHeaderNames.RecordRoute, rr);
        }
        ok.Headers.Add(SipHeaderNames.Contact, "<sip:bob@203.0.113.9:5090>");
        return ok;
    }

    private static SipVia Via() => new("UDP", "192.0.2.1", 5060, SipTransactionLayer.NewBranch());

    [Fact]
    public void A_uas_dialog_takes_the_route_set_in_order_the_contact_as_target_and_the_remote_cseq()
    {
        var invite = Invite();

        var dialog = SipDialog.ForUas(invite, Ok(invite, "bob-tag"), Peer);

        Assert.Equal(new SipDialogId("dialog-1", "bob-tag", "alice-tag"), dialog.Id);
        Assert.Equal(SipDialogState.Confirmed, dialog.State);
        Assert.Equal(["<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>"], dialog.RouteSet);
        Assert.Equal("sip:alice@198.51.100.1:5070", dialog.RemoteTarget.ToString());
        Assert.Equal(314, dialog.RemoteSequence);

        var bye = dialog.CreateRequest("BYE", Via());
        Assert.Equal("sip:alice@198.51.100.1:5070", bye.RequestUri.ToString());
        Assert.Equal(["<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>"], bye.Headers.All(SipHeaderNames.Route));
        Assert.Equal("bob-tag", bye.From!.Tag);
        Assert.Equal("alice-tag", bye.To!.Tag);
        Assert.Equal("1 BYE", bye.CSeq.ToString());
        Assert.Equal("2 BYE", dialog.CreateRequest("BYE", Via()).CSeq.ToString());
    }

    [Fact]
    public void A_uac_dialog_reverses_the_route_set_and_its_ack_keeps_the_invite_cseq()
    {
        var invite = Invite();

        var dialog = SipDialog.ForUac(invite, Ok(invite, "bob-tag"), Peer);

        Assert.Equal(new SipDialogId("dialog-1", "alice-tag", "bob-tag"), dialog.Id);
        Assert.Equal(["<sip:p2.example.com;lr>", "<sip:p1.example.com;lr>"], dialog.RouteSet);
        Assert.Equal("sip:bob@203.0.113.9:5090", dialog.RemoteTarget.ToString());
        Assert.Equal("314 ACK", dialog.CreateAck(314, Via()).CSeq.ToString());
        Assert.Equal("315 BYE", dialog.CreateRequest("BYE", Via()).CSeq.ToString());
    }

    [Fact]
    public void A_strict_router_first_in_the_route_set_becomes_the_request_uri_and_the_target_goes_last()
    {
        var invite = Invite();
        invite.Headers.Set(SipHeaderNames.RecordRoute, "<sip:strict.example.com>");

        var bye = SipDialog.ForUas(invite, Ok(invite, "bob-tag"), Peer).CreateRequest("BYE", Via());

        Assert.Equal("sip:strict.example.com", bye.RequestUri.ToString());
        Assert.Equal(["<sip:alice@198.51.100.1:5070>"], bye.Headers.All(SipHeaderNames.Route));
    }

    [Fact]
    public void An_early_uac_dialog_is_confirmed_by_the_2xx_which_refreshes_target_and_route_set()
    {
        var invite = Invite();
        var ringing = invite.CreateResponse(180, null, "bob-tag");
        ringing.Headers.Add(SipHeaderNames.Contact, "<sip:bob@203.0.113.9:5000>");
        var dialog = SipDialog.ForUac(invite, ringing, Peer);
        Assert.Equal(SipDialogState.Early, dialog.State);
        Assert.Empty(dialog.RouteSet);

        dialog.OnUacResponse(Ok(invite, "bob-tag"));

        Assert.Equal(SipDialogState.Confirmed, dialog.State);
        Assert.Equal("sip:bob@203.0.113.9:5090", dialog.RemoteTarget.ToString());
        Assert.Equal(2, dialog.RouteSet.Count);
    }

    [Fact]
    public void Requests_match_by_call_id_and_both_tags_and_a_lower_cseq_is_refused()
    {
        var invite = Invite();
        var dialog = SipDialog.ForUas(invite, Ok(invite, "bob-tag"), Peer);
        var bye = new SipRequest("BYE", SipUri.Create("sip", "bob", "203.0.113.9"));
        bye.Headers.Add(SipHeaderNames.From, "<sip:alice@example.com>;tag=alice-tag");
        bye.Headers.Add(SipHeaderNames.To, "<sip:bob@example.com>;tag=bob-tag");
        bye.Headers.Add(SipHeaderNames.CallId, "dialog-1");
        bye.Headers.Add(SipHeaderNames.CSeq, "313 BYE");

        Assert.True(dialog.Matches(bye));
        Assert.False(dialog.TryAcceptRemoteSequence(bye));
        bye.Headers.Set(SipHeaderNames.CSeq, "315 BYE");
        Assert.True(dialog.TryAcceptRemoteSequence(bye));
        bye.Headers.Set(SipHeaderNames.To, "<sip:bob@example.com>;tag=other");
        Assert.False(dialog.Matches(bye));
    }
}
