using Dispatch.Media.Sip.Messages;
using Dispatch.Media.Sip.Transactions;

namespace Dispatch.Media.Tests.Sip.Transactions;

/// <summary>RFC 3261 §17.2 server transactions (with RFC 6026 Accepted) in virtual time.</summary>
public sealed class ServerTransactionTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    private static ServerTransaction Receive(TransactionHarness h, SipRequest request, SipDestination? from = null)
    {
        h.Layer.Receive(TransactionHarness.OverTheWire(request), from ?? TransactionHarness.Udp);
        h.Drain();
        return h.Events<SipRequestReceived>().Last().Transaction!;
    }

    [Fact]
    public void An_invite_is_answered_with_100_trying_at_once_and_a_retransmission_gets_it_again()
    {
        var h = new TransactionHarness();
        var invite = TransactionHarness.Request("INVITE");
        Receive(h, invite);

        h.Layer.Receive(TransactionHarness.OverTheWire(invite), TransactionHarness.Udp);
        h.Drain();

        Assert.Equal([100, 100], h.Sent.Select(s => ((SipResponse)s.Message).StatusCode));
        Assert.Single(h.Events<SipRequestReceived>()); // the retransmission is not passed up
    }

    [Fact]
    public void A_failure_response_to_an_invite_is_resent_until_acknowledged_and_times_out_without_ack()
    {
        var h = new TransactionHarness();
        var tx = Receive(h, TransactionHarness.Request("INVITE"));

        tx.Respond(tx.Request.CreateResponse(486));
        h.Drain();
        h.Run(S(40));

        var busy = h.Sent.Where(s => ((SipResponse)s.Message).StatusCode == 486).Select(s => s.At.TotalSeconds);
        // Timer G: T1, then doubling up to T2; Timer H: 64*T1.
        Assert.Equal([0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5], busy);
        Assert.Equal(32, h.Outputs.Single(o => o.Output is SipTransactionTimedOut).At.TotalSeconds);
        Assert.Equal(SipTransactionState.Terminated, tx.State);
    }

    [Fact]
    public void An_ack_confirms_a_failed_invite_stops_retransmission_and_ends_it_after_T4()
    {
        var h = new TransactionHarness();
        var invite = TransactionHarness.Request("INVITE");
        var tx = Receive(h, invite);
        tx.Respond(tx.Request.CreateResponse(486, toTag: "b1"));
        h.Run(S(1));
        var ack = TransactionHarness.Request("ACK");

        h.Layer.Receive(TransactionHarness.OverTheWire(ack), TransactionHarness.Udp);
        h.Drain();
        var sentBefore = h.Sent.Count();

        Assert.Equal(SipTransactionState.Confirmed, tx.State);
        h.Run(S(4.9));
        Assert.Equal(SipTransactionState.Confirmed, tx.State);
        h.Run(S(0.2));
        Assert.Equal(SipTransactionState.Terminated, tx.State); // Timer I = T4
        Assert.Equal(sentBefore, h.Sent.Count());
        Assert.Empty(h.Events<SipTransactionTimedOut>());
    }

    [Fact]
    public void A_2xx_to_an_invite_moves_to_accepted_which_absorbs_retransmitted_invites_until_timer_L()
    {
        var h = new TransactionHarness();
        var invite = TransactionHarness.Request("INVITE");
        var tx = Receive(h, invite);
        tx.Respond(tx.Request.CreateResponse(200, toTag: "b1"));

        h.Layer.Receive(TransactionHarness.OverTheWire(invite), TransactionHarness.Udp);
        h.Drain();

        Assert.Equal(SipTransactionState.Accepted, tx.State);
        Assert.Equal([100, 200], h.Sent.Select(s => ((SipResponse)s.Message).StatusCode));
        h.Run(S(32.1));
        Assert.Equal(SipTransactionState.Terminated, tx.State);
    }

    [Fact]
    public void An_ack_for_a_2xx_with_its_own_branch_goes_to_the_user_without_a_transaction()
    {
        var h = new TransactionHarness();

        h.Layer.Receive(TransactionHarness.OverTheWire(TransactionHarness.Request("ACK", "z9hG4bKack2xx")), TransactionHarness.Udp);
        h.Drain();

        var received = h.Events<SipRequestReceived>().Single();
        Assert.Null(received.Transaction);
        Assert.Equal(0, h.Layer.ServerCount);
    }

    [Fact]
    public void A_non_invite_retransmission_is_absorbed_until_answered_then_gets_the_final_response_until_timer_J()
    {
        var h = new TransactionHarness();
        var options = TransactionHarness.Request("OPTIONS");
        var tx = Receive(h, options);

        h.Layer.Receive(TransactionHarness.OverTheWire(options), TransactionHarness.Udp);
        h.Drain();
        Assert.Empty(h.Sent);

        tx.Respond(tx.Request.CreateResponse(200));
        h.Layer.Receive(TransactionHarness.OverTheWire(options), TransactionHarness.Udp);
        h.Drain();
        Assert.Equal([200, 200], h.Sent.Select(s => ((SipResponse)s.Message).StatusCode));
        Assert.Single(h.Events<SipRequestReceived>());

        h.Run(S(31.9));
        Assert.Equal(SipTransactionState.Completed, tx.State);
        h.Run(S(0.2));
        Assert.Equal(SipTransactionState.Terminated, tx.State); // Timer J = 64*T1
    }

    [Fact]
    public void An_answered_non_invite_over_udp_lets_go_of_its_request_and_still_repeats_its_response()
    {
        var h = new TransactionHarness();
        var register = TransactionHarness.Request("REGISTER");
        var tx = Receive(h, register);

        tx.Respond(tx.Request.CreateResponse(401));
        h.Layer.Receive(TransactionHarness.OverTheWire(register), TransactionHarness.Udp);
        h.Drain();

        Assert.Equal(SipTransactionState.Completed, tx.State);
        Assert.Throws<InvalidOperationException>(() => tx.Request);
        Assert.False(tx.IsInvite);
        Assert.Equal([401, 401], h.Sent.Select(s => ((SipResponse)s.Message).StatusCode));
    }

    [Fact]
    public void A_completed_non_invite_over_udp_repeats_the_exact_bytes_it_sent_without_keeping_the_response()
    {
        var h = new TransactionHarness();
        var register = TransactionHarness.Request("REGISTER");
        var tx = Receive(h, register);

        tx.Respond(tx.Request.CreateResponse(200, toTag: "r1"));
        h.Layer.Receive(TransactionHarness.OverTheWire(register), TransactionHarness.Udp);
        h.Layer.Receive(TransactionHarness.OverTheWire(register), TransactionHarness.Udp);
        h.Drain();

        var first = h.Events<SipSendMessage>().Single();
        var repeats = h.Events<SipSendBytes>().ToList();
        Assert.NotNull(first.Serialized);
        Assert.Equal(first.Message.ToBytes(), first.Serialized);
        Assert.Equal(2, repeats.Count);
        Assert.All(repeats, r => Assert.Equal(first.Serialized, r.Bytes));
        Assert.All(repeats, r => Assert.Equal(TransactionHarness.Udp, r.Destination));
        Assert.Null(tx.LastResponse); // Timer J holds the bytes only (RFC 3261 §17.2.2 needs nothing more)
    }

    [Fact]
    public void A_provisional_answer_to_a_non_invite_is_repeated_from_the_response_until_the_final_one()
    {
        var h = new TransactionHarness();
        var options = TransactionHarness.Request("OPTIONS");
        var tx = Receive(h, options);

        tx.Respond(tx.Request.CreateResponse(100));
        h.Layer.Receive(TransactionHarness.OverTheWire(options), TransactionHarness.Udp);
        tx.Respond(tx.Request.CreateResponse(200));
        h.Layer.Receive(TransactionHarness.OverTheWire(options), TransactionHarness.Udp);
        h.Drain();

        Assert.Equal([100, 100, 200, 200], h.Sent.Select(s => ((SipResponse)s.Message).StatusCode));
        Assert.Single(h.Events<SipSendBytes>());
    }

    [Fact]
    public void An_invite_keeps_its_request_after_a_final_response()
    {
        var h = new TransactionHarness();
        var tx = Receive(h, TransactionHarness.Request("INVITE"));

        tx.Respond(tx.Request.CreateResponse(486, toTag: "b1"));

        Assert.Equal("INVITE", tx.Request.Method);
        Assert.True(tx.IsInvite);
    }

    [Fact]
    public void A_non_invite_over_a_reliable_transport_terminates_when_answered()
    {
        var h = new TransactionHarness();
        var tx = Receive(h, TransactionHarness.Request("REGISTER"), TransactionHarness.Tcp);

        tx.Respond(tx.Request.CreateResponse(200));

        Assert.Equal(SipTransactionState.Terminated, tx.State);
    }

    [Fact]
    public void The_same_branch_from_another_sent_by_is_another_transaction()
    {
        var h = new TransactionHarness();
        var first = TransactionHarness.Request("OPTIONS");
        var second = TransactionHarness.Request("OPTIONS");
        second.Headers.Set(SipHeaderNames.Via, "SIP/2.0/UDP 192.0.2.99:5060;branch=z9hG4bKtest1");

        Receive(h, first);
        Receive(h, second);

        Assert.Equal(2, h.Events<SipRequestReceived>().Count());
        Assert.Equal(2, h.Layer.ServerCount);
    }

    [Fact]
    public void The_same_branch_and_sent_by_from_another_address_is_another_transaction()
    {
        var h = new TransactionHarness();
        var options = TransactionHarness.Request("OPTIONS");
        var elsewhere = new SipDestination(new System.Net.IPEndPoint(System.Net.IPAddress.Parse("203.0.113.9"), 5060), false);

        Receive(h, options);
        Receive(h, options, elsewhere);

        Assert.Equal(2, h.Layer.ServerCount);
    }

    [Fact]
    public void A_cancel_finds_the_invite_it_cancels_but_is_its_own_transaction()
    {
        var h = new TransactionHarness();
        var inviteTx = Receive(h, TransactionHarness.Request("INVITE"));
        var cancel = TransactionHarness.Request("CANCEL");

        var cancelTx = Receive(h, cancel);

        Assert.NotSame(inviteTx, cancelTx);
        Assert.True(h.Layer.TryFindCancelledInvite(cancelTx, out var found));
        Assert.Same(inviteTx, found);
    }

    [Fact]
    public void An_rfc_2543_request_without_a_magic_cookie_branch_still_matches_its_retransmission()
    {
        var h = new TransactionHarness();
        var invite = TransactionHarness.Request("INVITE");
        invite.Headers.Set(SipHeaderNames.Via, "SIP/2.0/UDP iftgw.example.com");
        Receive(h, invite);

        h.Layer.Receive(TransactionHarness.OverTheWire(invite), TransactionHarness.Udp);
        h.Drain();

        Assert.Single(h.Events<SipRequestReceived>());
        Assert.Equal(1, h.Layer.ServerCount);
    }
}
