using Dispatch.Media.Sip.Messages;
using Dispatch.Media.Sip.Transactions;

namespace Dispatch.Media.Tests.Sip.Transactions;

/// <summary>RFC 3261 §17.1 client transactions in virtual time.</summary>
public sealed class ClientTransactionTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void An_unanswered_invite_over_udp_is_resent_with_doubling_intervals_then_times_out_at_64_T1()
    {
        var h = new TransactionHarness();
        var tx = h.Layer.SendRequest(TransactionHarness.Request("INVITE"), TransactionHarness.Udp);
        h.Drain();

        h.Run(S(40));

        // Timer A: T1, 2T1, 4T1 ... after the first send; Timer B at 64*T1 = 32 s.
        Assert.Equal([0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5], h.Sent.Select(s => s.At.TotalSeconds));
        var timedOut = h.Outputs.Single(o => o.Output is SipTransactionTimedOut);
        Assert.Equal(32, timedOut.At.TotalSeconds);
        Assert.Equal(SipTransactionState.Terminated, tx.State);
        Assert.Equal(0, h.Layer.ClientCount);
    }

    [Fact]
    public void An_invite_over_a_reliable_transport_is_never_resent_but_still_times_out()
    {
        var h = new TransactionHarness();
        h.Layer.SendRequest(TransactionHarness.Request("INVITE"), TransactionHarness.Tcp);
        h.Drain();

        h.Run(S(40));

        Assert.Single(h.Sent);
        Assert.Equal(32, h.Outputs.Single(o => o.Output is SipTransactionTimedOut).At.TotalSeconds);
    }

    [Fact]
    public void A_provisional_response_stops_invite_retransmissions_and_timer_B()
    {
        var h = new TransactionHarness();
        var invite = TransactionHarness.Request("INVITE");
        var tx = h.Layer.SendRequest(invite, TransactionHarness.Udp);
        h.Run(S(1));

        h.Layer.Receive(TransactionHarness.OverTheWire(invite.CreateResponse(180, toTag: "b1")), TransactionHarness.Udp);
        h.Run(S(60));

        Assert.Equal(2, h.Sent.Count()); // the first send and the retransmission at 0.5 s
        Assert.Equal(SipTransactionState.Proceeding, tx.State);
        Assert.Empty(h.Events<SipTransactionTimedOut>());
        Assert.Equal(180, h.Events<SipResponseReceived>().Single().Response.StatusCode);
    }

    [Fact]
    public void A_failure_response_is_acknowledged_by_the_transaction_and_again_for_each_retransmission()
    {
        var h = new TransactionHarness();
        var invite = TransactionHarness.Request("INVITE");
        var tx = h.Layer.SendRequest(invite, TransactionHarness.Udp);
        h.Drain();
        var busy = TransactionHarness.OverTheWire(invite.CreateResponse(486, toTag: "b1"));

        h.Layer.Receive(busy, TransactionHarness.Udp);
        h.Layer.Receive(busy, TransactionHarness.Udp);
        h.Drain();

        var acks = h.Sent.Select(s => s.Message).OfType<SipRequest>().Where(r => r.Method == "ACK").ToList();
        Assert.Equal(2, acks.Count);
        Assert.Equal("b1", acks[0].To!.Tag);
        Assert.Equal(new SipCSeq(1, "ACK"), acks[0].CSeq);
        Assert.Equal("z9hG4bKtest1", acks[0].TopVia!.Branch);
        Assert.Single(h.Events<SipResponseReceived>()); // the retransmission is not passed up
        Assert.Equal(SipTransactionState.Completed, tx.State);

        h.Run(S(31.9));
        Assert.Equal(SipTransactionState.Completed, tx.State);
        h.Run(S(0.2));
        Assert.Equal(SipTransactionState.Terminated, tx.State); // Timer D = 32 s
    }

    [Fact]
    public void A_2xx_moves_the_invite_to_accepted_where_retransmitted_2xx_still_reach_the_user_until_timer_M()
    {
        var h = new TransactionHarness();
        var invite = TransactionHarness.Request("INVITE");
        var tx = h.Layer.SendRequest(invite, TransactionHarness.Udp);
        var ok = TransactionHarness.OverTheWire(invite.CreateResponse(200, toTag: "b1"));

        h.Layer.Receive(ok, TransactionHarness.Udp);
        h.Layer.Receive(ok, TransactionHarness.Udp);
        h.Drain();

        Assert.Equal(SipTransactionState.Accepted, tx.State);
        Assert.Equal(2, h.Events<SipResponseReceived>().Count());
        Assert.DoesNotContain(h.Sent, s => s.Message is SipRequest { Method: "ACK" }); // the TU acknowledges a 2xx
        h.Run(S(32.1));
        Assert.Equal(SipTransactionState.Terminated, tx.State);
    }

    [Fact]
    public void An_unanswered_non_invite_is_resent_with_intervals_capped_at_T2_then_times_out()
    {
        var h = new TransactionHarness();
        h.Layer.SendRequest(TransactionHarness.Request("OPTIONS"), TransactionHarness.Udp);
        h.Drain();

        h.Run(S(40));

        Assert.Equal([0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5], h.Sent.Select(s => s.At.TotalSeconds));
        Assert.Equal(32, h.Outputs.Single(o => o.Output is SipTransactionTimedOut).At.TotalSeconds);
    }

    [Fact]
    public void A_non_invite_in_proceeding_is_resent_every_T2_and_completes_on_a_final_response_for_T4()
    {
        var h = new TransactionHarness();
        var options = TransactionHarness.Request("OPTIONS");
        var tx = h.Layer.SendRequest(options, TransactionHarness.Udp);
        h.Drain();
        h.Layer.Receive(TransactionHarness.OverTheWire(options.CreateResponse(100)), TransactionHarness.Udp);
        h.Run(S(9));

        Assert.Equal([0, 0.5, 4.5, 8.5], h.Sent.Select(s => s.At.TotalSeconds));

        h.Layer.Receive(TransactionHarness.OverTheWire(options.CreateResponse(200)), TransactionHarness.Udp);
        h.Drain();
        Assert.Equal(SipTransactionState.Completed, tx.State);
        h.Run(S(5.1));
        Assert.Equal(SipTransactionState.Terminated, tx.State); // Timer K = T4
        Assert.Equal(4, h.Sent.Count());
    }

    [Fact]
    public void A_non_invite_over_a_reliable_transport_terminates_as_soon_as_it_completes()
    {
        var h = new TransactionHarness();
        var options = TransactionHarness.Request("OPTIONS");
        var tx = h.Layer.SendRequest(options, TransactionHarness.Tcp);

        h.Layer.Receive(TransactionHarness.OverTheWire(options.CreateResponse(200)), TransactionHarness.Tcp);
        h.Drain();

        Assert.Equal(SipTransactionState.Terminated, tx.State);
        Assert.Single(h.Events<SipTransactionTerminated>());
    }

    [Fact]
    public void A_response_matches_only_the_transaction_with_its_branch_and_cseq_method()
    {
        var h = new TransactionHarness();
        var invite = TransactionHarness.Request("INVITE", "z9hG4bKone");
        h.Layer.SendRequest(invite, TransactionHarness.Udp);
        var otherBranch = TransactionHarness.Request("INVITE", "z9hG4bKtwo").CreateResponse(486);
        var cancelAnswer = invite.CreateResponse(200);
        cancelAnswer.Headers.Set(SipHeaderNames.CSeq, "1 CANCEL");

        h.Layer.Receive(TransactionHarness.OverTheWire(otherBranch), TransactionHarness.Udp);
        h.Layer.Receive(TransactionHarness.OverTheWire(cancelAnswer), TransactionHarness.Udp);
        h.Drain();

        Assert.Empty(h.Events<SipResponseReceived>());
    }
}
