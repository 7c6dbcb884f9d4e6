using Dispatch.Contracts.Calls;
using Dispatch.Contracts.Realtime;

namespace Dispatch.Silo.Tests.Calls;

public sealed class CallGrainTests(CallClusterFixture fixture) : IClassFixture<CallClusterFixture>
{
    private SignalRecorder Signals => fixture.Recorder;

    private Task<CallTree> Tree() => CallTree.Create(fixture.Grains, fixture.Gateway);

    [Fact]
    public async Task Every_live_device_rings_the_first_answer_wins_and_the_other_device_hears_it_was_answered_elsewhere()
    {
        var tree = await Tree();
        var caller = await tree.Connect(tree.Dispatcher, "console");
        var a = await tree.Connect(tree.Worker, "web-a");
        var b = await tree.Connect(tree.Worker, "app-b");
        var id = CallTree.NewCallId();

        var started = await tree.Call(id).Start(tree.Start(caller, tree.Dispatcher, tree.Worker));
        await Signals.Next(id, CallSignalKind.Ringing, a.ConnectionId);
        await Signals.Next(id, CallSignalKind.Ringing, b.ConnectionId);
        var first = await tree.Call(id).Answer(tree.Worker, "web-a");
        var second = await tree.Call(id).Answer(tree.Worker, "app-b");
        await Signals.Next(id, CallSignalKind.AnsweredElsewhere, b.ConnectionId);
        var answered = await Signals.Next(id, CallSignalKind.Answered, caller.ConnectionId);

        Assert.Equal(CallState.Ringing, started.Call.State);
        Assert.Equal(CallFallback.None, started.Call.Fallback);
        Assert.Equal(["app-b", "web-a"], started.Call.DevicesRang.Order());
        Assert.Equal(CallRefusal.None, first);
        Assert.Equal(CallRefusal.NotRinging, second);
        Assert.True(answered.MediaDuty, "the media node must hear of the answer (it stops the phones)");
        Assert.Equal("web-a", answered.Call.AnsweredDevice);
        Assert.False(Signals.Saw(id, CallSignalKind.AnsweredElsewhere, a.ConnectionId));
    }

    [Fact]
    public async Task Hanging_up_a_connected_call_ends_it_for_both_sides_with_the_reason_and_keeps_times_and_duration()
    {
        var tree = await Tree();
        var caller = await tree.Connect(tree.Dispatcher, "console");
        var a = await tree.Connect(tree.Worker, "web-a");
        var id = CallTree.NewCallId();
        await tree.Call(id).Start(tree.Start(caller, tree.Dispatcher, tree.Worker));
        await tree.Call(id).Answer(tree.Worker, "web-a");

        var hungUp = await tree.Call(id).HangUp(tree.Worker, "web-a");
        var toCaller = await Signals.Next(id, CallSignalKind.Ended, caller.ConnectionId);
        await Signals.Next(id, CallSignalKind.Ended, a.ConnectionId);
        await Signals.Next(id, CallSignalKind.Ended, null);
        var again = await tree.Call(id).HangUp(tree.Dispatcher, "console");
        var record = (await tree.Call(id).Get())!;

        Assert.Equal(CallRefusal.None, hungUp);
        Assert.Equal(CallRefusal.Ended, again);
        Assert.Equal(CallOutcome.Answered, record.Outcome);
        Assert.Contains("网格员乙", toCaller.Call.EndReason);
        Assert.Equal(CallEndCause.HungUpByCallee, toCaller.Call.EndCause);
        Assert.NotNull(record.AnsweredAt);
        Assert.NotNull(record.EndedAt);
        Assert.True(record.StartedAt <= record.AnsweredAt && record.AnsweredAt <= record.EndedAt);
        Assert.Equal(record.EndedAt!.Value - record.AnsweredAt!.Value, record.Duration);
    }

    [Fact]
    public async Task A_callee_already_in_a_call_is_busy_and_the_line_is_free_again_once_that_call_ends()
    {
        var tree = await Tree();
        var caller = await tree.Connect(tree.Dispatcher, "console");
        var other = await tree.Connect(tree.OnDuty, "web-x");
        await tree.Connect(tree.Worker, "web-a");
        var first = CallTree.NewCallId();
        await tree.Call(first).Start(tree.Start(other, tree.OnDuty, tree.Worker));
        await tree.Call(first).Answer(tree.Worker, "web-a");

        var busy = await tree.Call(CallTree.NewCallId()).Start(tree.Start(caller, tree.Dispatcher, tree.Worker));
        await tree.Call(first).HangUp(tree.OnDuty, "web-x");
        var later = await tree.Call(CallTree.NewCallId()).Start(tree.Start(caller, tree.Dispatcher, tree.Worker));

        Assert.Equal(CallState.Ended, busy.Call.State);
        Assert.Equal(CallOutcome.Busy, busy.Call.Outcome);
        Assert.Contains("already in a call", busy.Call.EndReason);
        Assert.Equal(CallEndCause.CalleeBusy, busy.Call.EndCause);
        Assert.Equal(CallState.Ringing, later.Call.State);
    }

    [Fact]
    public async Task Nobody_answering_within_the_ring_timeout_ends_the_call_as_no_answer_on_every_device()
    {
        var tree = await Tree();
        var caller = await tree.Connect(tree.Dispatcher, "console");
        var a = await tree.Connect(tree.Worker, "web-a");
        var id = CallTree.NewCallId();

        await tree.Call(id).Start(tree.Start(caller, tree.Dispatcher, tree.Worker, ringTimeout: TimeSpan.FromSeconds(1)));
        var ended = await Signals.Next(id, CallSignalKind.Ended, a.ConnectionId);
        await Signals.Next(id, CallSignalKind.Ended, caller.ConnectionId);
        var late = await tree.Call(id).Answer(tree.Worker, "web-a");

        Assert.Equal(CallOutcome.NoAnswer, ended.Call.Outcome);
        Assert.Contains("nobody answered", ended.Call.EndReason);
        Assert.Equal(CallEndCause.RingTimeout, ended.Call.EndCause);
        Assert.Equal(CallRefusal.Ended, late);
    }

    [Fact]
    public async Task Declining_on_one_device_ends_the_call_as_declined_and_stops_the_other_devices()
    {
        var tree = await Tree();
        var caller = await tree.Connect(tree.Dispatcher, "console");
        await tree.Connect(tree.Worker, "web-a");
        var b = await tree.Connect(tree.Worker, "app-b");
        var id = CallTree.NewCallId();
        await tree.Call(id).Start(tree.Start(caller, tree.Dispatcher, tree.Worker));

        var declined = await tree.Call(id).Decline(tree.Worker, "web-a");
        var toCaller = await Signals.Next(id, CallSignalKind.Ended, caller.ConnectionId);
        await Signals.Next(id, CallSignalKind.Ended, b.ConnectionId);

        Assert.Equal(CallRefusal.None, declined);
        Assert.Equal(CallOutcome.Declined, toCaller.Call.Outcome);
        Assert.Contains("web-a", toCaller.Call.EndReason);
        Assert.Equal(CallEndCause.Declined, toCaller.Call.EndCause);
    }

    [Fact]
    public async Task The_caller_hanging_up_while_it_rings_cancels_the_call_on_the_ringing_devices()
    {
        var tree = await Tree();
        var caller = await tree.Connect(tree.Dispatcher, "console");
        var a = await tree.Connect(tree.Worker, "web-a");
        var id = CallTree.NewCallId();
        await tree.Call(id).Start(tree.Start(caller, tree.Dispatcher, tree.Worker));

        await tree.Call(id).HangUp(tree.Dispatcher, "console");
        var ended = await Signals.Next(id, CallSignalKind.Ended, a.ConnectionId);

        Assert.Equal(CallOutcome.Cancelled, ended.Call.Outcome);
        Assert.True(ended.Call.AnsweredAt is null);
    }

    [Fact]
    public async Task Someone_who_is_neither_caller_nor_callee_cannot_answer_decline_or_hang_up_and_nothing_changes()
    {
        var tree = await Tree();
        var caller = await tree.Connect(tree.Dispatcher, "console");
        await tree.Connect(tree.Worker, "web-a");
        var id = CallTree.NewCallId();
        await tree.Call(id).Start(tree.Start(caller, tree.Dispatcher, tree.Worker));

        var answer = await tree.Call(id).Answer(tree.Chief, "web-z");
        var decline = await tree.Call(id).Decline(tree.Chief, "web-z");
        var hangUp = await tree.Call(id).HangUp(tree.Chief, "web-z");
        var unknown = await tree.Call(CallTree.NewCallId()).Answer(tree.Worker, "web-a");
        var record = (await tree.Call(id).Get())!;

        Assert.Equal([CallRefusal.NotYours, CallRefusal.NotYours, CallRefusal.NotYours], [answer, decline, hangUp]);
        Assert.Equal(CallRefusal.UnknownCall, unknown);
        Assert.Equal(CallState.Ringing, record.State);
        Assert.Null(record.AnsweredDevice);
    }

    [Fact]
    public async Task A_callee_with_no_live_device_falls_back_to_the_on_duty_worker_of_their_unit_then_to_the_grid_chief()
    {
        var tree = await Tree();
        var caller = await tree.Connect(tree.Dispatcher, "console");
        var chief = await tree.Connect(tree.Chief, "chief-web");

        var toChief = await tree.Call(CallTree.NewCallId()).Start(tree.Start(caller, tree.Dispatcher, tree.Worker));
        await tree.Call(toChief.Call.Id).HangUp(tree.Dispatcher, "console");
        var duty = await tree.Connect(tree.OnDuty, "duty-web");
        var toDuty = await tree.Call(CallTree.NewCallId()).Start(tree.Start(caller, tree.Dispatcher, tree.Worker));
        await Signals.Next(toDuty.Call.Id, CallSignalKind.Ringing, duty.ConnectionId);

        Assert.Equal(CallFallback.GridChief, toChief.Call.Fallback);
        Assert.Equal(tree.Chief, toChief.Call.Ringing.WorkerId);
        Assert.Equal(tree.Worker, toChief.Call.Callee.WorkerId);
        Assert.True(Signals.Saw(toChief.Call.Id, CallSignalKind.Ringing, chief.ConnectionId));
        Assert.Equal(CallFallback.OnDutyWorker, toDuty.Call.Fallback);
        Assert.Equal(tree.OnDuty, toDuty.Call.Ringing.WorkerId);
        Assert.Equal(CallRefusal.NotYours, await tree.Call(toDuty.Call.Id).Answer(tree.Worker, "web-a"));
        Assert.Equal(CallRefusal.None, await tree.Call(toDuty.Call.Id).Answer(tree.OnDuty, "duty-web"));
    }

    [Fact]
    public async Task A_callee_with_no_live_device_and_no_reachable_fallback_ends_the_call_as_no_answer_at_once()
    {
        var tree = await Tree();
        var caller = await tree.Connect(tree.Dispatcher, "console");

        var started = await tree.Call(CallTree.NewCallId()).Start(tree.Start(caller, tree.Dispatcher, tree.Worker));

        Assert.Equal(CallState.Ended, started.Call.State);
        Assert.Equal(CallOutcome.NoAnswer, started.Call.Outcome);
        Assert.Contains("no live device", started.Call.EndReason);
        Assert.Equal(CallEndCause.Unreachable, started.Call.EndCause);
    }

    [Fact]
    public async Task A_registered_phone_rings_through_the_media_node_and_a_busy_phone_does_not_end_a_call_a_browser_still_rings()
    {
        var tree = await Tree();
        var caller = await tree.Connect(tree.Dispatcher, "console");
        await tree.Connect(tree.Worker, "web-a");
        await tree.RegisterPhone(tree.Worker);
        var id = CallTree.NewCallId();

        var started = await tree.Call(id).Start(tree.Start(caller, tree.Dispatcher, tree.Worker));
        await tree.Call(id).PhonesGaveUp(486, "Busy Here");
        var stillRinging = (await tree.Call(id).Get())!.State;
        await tree.Call(id).Fail(CallOutcome.Dropped, CallEndCause.MediaDropped, "media leg 'caller' dropped: consent expired");
        var ended = await Signals.Next(id, CallSignalKind.Ended, caller.ConnectionId);

        Assert.Equal(tree.Worker + "-desk", started.SipUsername);
        Assert.Contains("sip:" + started.SipUsername, started.Call.DevicesRang);
        Assert.Equal(CallState.Ringing, stillRinging);
        Assert.Equal(CallOutcome.Dropped, ended.Call.Outcome);
        Assert.Contains("consent expired", ended.Call.EndReason);
        Assert.Equal(CallEndCause.MediaDropped, ended.Call.EndCause);
    }

    [Fact]
    public async Task Phones_alone_that_decline_end_the_call_as_declined()
    {
        var tree = await Tree();
        var caller = await tree.Connect(tree.Dispatcher, "console");
        await tree.RegisterPhone(tree.Worker);
        var id = CallTree.NewCallId();

        var started = await tree.Call(id).Start(tree.Start(caller, tree.Dispatcher, tree.Worker));
        await tree.Call(id).PhonesGaveUp(603, "Decline");

        Assert.Equal(CallState.Ringing, started.Call.State);
        Assert.Equal((CallOutcome.Declined, CallEndCause.PhoneDeclined), ((await tree.Call(id).Get())!.Outcome, (await tree.Call(id).Get())!.EndCause));
    }
}
