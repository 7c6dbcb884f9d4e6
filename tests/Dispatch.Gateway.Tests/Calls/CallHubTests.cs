using System.Net;
using System.Net.Http.Json;
using Dispatch.Client;
using Dispatch.Contracts.Org;
using Dispatch.Gateway.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using static Dispatch.Gateway.Tests.Calls.CallParties;

namespace Dispatch.Gateway.Tests.Calls;

/// <summary>
/// Issue 6: the call flow through the hub, with two or three real Dispatch.Client connections and a recording media
/// plane. Each test uses its own town, so its dispatcher and worker are in no other test's call.
/// </summary>
public sealed class CallHubTests(CallAppFixture fixture) : IClassFixture<CallAppFixture>
{
    private CallAppFactory App => fixture.App;

    [Fact]
    public async Task A_dispatcher_call_rings_every_device_of_the_worker_the_first_answer_wins_and_hanging_up_ends_it_for_both()
    {
        var worker = Worker(1);
        await using var dispatcher = await Connected(App, Dispatcher(1), "console-1");
        await using var web = await Connected(App, worker.Phone, "web-1");
        await using var app = await Connected(App, worker.Phone, "app-1");
        var (atDispatcher, atWeb, atApp) = (new CallEventsSeen(dispatcher), new CallEventsSeen(web), new CallEventsSeen(app));

        var started = await dispatcher.StartCallAsync(worker.Id, Offer);
        var ringing = await atWeb.Next("callRinging", started.CallId);
        await atApp.Next("callRinging", started.CallId);
        var answer = await web.AnswerCallAsync(started.CallId, Offer);
        var answered = await atDispatcher.Next("callAnswered", started.CallId);
        var elsewhere = await atApp.Next("callAnsweredElsewhere", started.CallId);
        var late = await Assert.ThrowsAsync<HubException>(() => app.AnswerCallAsync(started.CallId, Offer));
        await dispatcher.HangUpAsync(started.CallId);
        var endedAtWeb = await atWeb.Next("callEnded", started.CallId);
        var endedAtDispatcher = await atDispatcher.Next("callEnded", started.CallId);
        var record = await (await App.ClientFor(Dispatcher(1), DemoCountyFixture.Password)).GetFromJsonAsync<CallInfo>($"/api/calls/{started.CallId}");

        Assert.Contains("s=answer caller", started.SdpAnswer);
        Assert.Equal("ringing", started.Call.State);
        Assert.Equal(worker.Name, ringing.Callee.Name);
        Assert.Equal(dispatcher.Login!.WorkerId, ringing.Caller.WorkerId);
        Assert.Equal(["app-1", "web-1"], ringing.DevicesRang.Order());
        Assert.Contains("s=answer callee-web-1", answer);
        Assert.Equal("web-1", answered.AnsweredDevice);
        Assert.Equal("web-1", elsewhere.AnsweredDevice);
        Assert.Contains("no longer ringing", late.Message);
        Assert.Equal(("ended", "answered"), (endedAtWeb.State, endedAtWeb.Outcome));
        Assert.Contains("hung up by", endedAtDispatcher.Reason);
        Assert.StartsWith("hung_up_by_", endedAtDispatcher.EndCause);
        Assert.Equal(("answered", "web-1"), (record!.Outcome, record.AnsweredDevice));
        Assert.True(record.EndedAt >= record.AnsweredAt && record.AnsweredAt >= record.StartedAt);
        await Poll(() => App.Media.Of(started.CallId).Contains($"close {started.CallId}"), "the media plane closes the call");
        Assert.Equal(
            [$"open {started.CallId} caller", $"open {started.CallId} callee-web-1", $"join {started.CallId} caller callee-web-1"],
            App.Media.Of(started.CallId).Where(r => r.StartsWith("open", StringComparison.Ordinal) || r.StartsWith("join", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Each_side_of_a_connected_call_renegotiates_its_own_leg_and_nobody_else_can()
    {
        var worker = Worker(12);
        await using var dispatcher = await Connected(App, Dispatcher(12), "console-12");
        await using var web = await Connected(App, worker.Phone, "web-12");
        await using var app = await Connected(App, worker.Phone, "app-12");
        var (atWeb, atApp) = (new CallEventsSeen(web), new CallEventsSeen(app));
        var started = await dispatcher.StartCallAsync(worker.Id, Offer);
        await atWeb.Next("callRinging", started.CallId);
        await web.AnswerCallAsync(started.CallId, Offer);
        await atApp.Next("callAnsweredElsewhere", started.CallId);

        var callerAgain = await dispatcher.RenegotiateCallAsync(started.CallId, Offer);
        var calleeAgain = await web.RenegotiateCallAsync(started.CallId, Offer);
        var loser = await Assert.ThrowsAsync<HubException>(() => app.RenegotiateCallAsync(started.CallId, Offer));
        var bogus = await Assert.ThrowsAsync<HubException>(() => web.RenegotiateCallAsync(started.CallId, Offer + "m=bogus 9 X 0\r\n"));
        var notSdp = await Assert.ThrowsAsync<HubException>(() => web.RenegotiateCallAsync(started.CallId, "hello"));
        await dispatcher.HangUpAsync(started.CallId);
        await atWeb.Next("callEnded", started.CallId);
        var ended = await Assert.ThrowsAsync<HubException>(() => web.RenegotiateCallAsync(started.CallId, Offer));

        Assert.Contains("s=answer caller again", callerAgain);
        Assert.Contains("s=answer callee-web-12 again", calleeAgain);
        Assert.Contains("no media leg of this device ('app-12')", loser.Message);
        Assert.Contains("m=bogus", bogus.Message);
        Assert.Contains("v=0", notSdp.Message);
        Assert.Contains("already ended", ended.Message);
        Assert.Equal(
            [$"renegotiate {started.CallId} caller", $"renegotiate {started.CallId} callee-web-12"],
            App.Media.Of(started.CallId).Where(r => r.StartsWith("renegotiate", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_worker_can_call_the_dispatcher_whose_console_rings_and_answers()
    {
        var worker = Worker(9);
        await using var dispatcher = await Connected(App, Dispatcher(9), "console-9");
        await using var web = await Connected(App, worker.Phone, "web-9");
        var (atDispatcher, atWeb) = (new CallEventsSeen(dispatcher), new CallEventsSeen(web));

        var started = await web.StartCallAsync(dispatcher.Login!.WorkerId!, Offer);
        var ringing = await atDispatcher.Next("callRinging", started.CallId);
        await dispatcher.AnswerCallAsync(started.CallId, Offer);
        var answered = await atWeb.Next("callAnswered", started.CallId);
        await web.HangUpAsync(started.CallId);
        var ended = await atDispatcher.Next("callEnded", started.CallId);

        Assert.Equal(worker.Id, ringing.Caller.WorkerId);
        Assert.Equal("console-9", answered.AnsweredDevice);
        Assert.Equal("answered", ended.Outcome);
    }

    [Fact]
    public async Task A_worker_who_declines_ends_the_call_as_declined_and_the_dispatcher_is_told()
    {
        var worker = Worker(2);
        await using var dispatcher = await Connected(App, Dispatcher(2), "console-2");
        await using var web = await Connected(App, worker.Phone, "web-2");
        var (atDispatcher, atWeb) = (new CallEventsSeen(dispatcher), new CallEventsSeen(web));

        var started = await dispatcher.StartCallAsync(worker.Id, Offer);
        await atWeb.Next("callRinging", started.CallId);
        await web.DeclineCallAsync(started.CallId);
        var ended = await atDispatcher.Next("callEnded", started.CallId);

        Assert.Equal("declined", ended.Outcome);
        Assert.Contains("web-2", ended.Reason);
        Assert.Equal("declined", ended.EndCause);
    }

    [Fact]
    public async Task A_worker_already_in_a_call_is_busy_for_a_second_caller()
    {
        var worker = Worker(3);
        await using var dispatcher = await Connected(App, Dispatcher(3), "console-3");
        await using var leader = await Connected(App, "leader.t03", "leader-3");
        await using var web = await Connected(App, worker.Phone, "web-3");
        var atWeb = new CallEventsSeen(web);
        var first = await dispatcher.StartCallAsync(worker.Id, Offer);
        await atWeb.Next("callRinging", first.CallId);
        await web.AnswerCallAsync(first.CallId, Offer);

        var second = await leader.StartCallAsync(worker.Id, Offer);

        Assert.Equal(("ended", "busy"), (second.Call.State, second.Call.Outcome));
        Assert.Contains("already in a call", second.Call.Reason);
        Assert.Equal("callee_busy", second.Call.EndCause);
        Assert.False(atWeb.Saw("callRinging", second.CallId));
        await Poll(() => App.Media.Of(second.CallId).Contains($"close {second.CallId}"), "the busy call's leg is closed");
        await dispatcher.HangUpAsync(first.CallId);
    }

    [Fact]
    public async Task A_worker_with_no_live_device_falls_back_to_an_on_duty_worker_of_the_same_grid_and_the_caller_is_told_who_rings()
    {
        var worker = Worker(4);
        var grid = worker.Assignments[0].UnitCode;
        var onDuty = DemoFacts.Snapshot.Workers.First(w => w.OnDuty && w.Id != worker.Id
            && w.Assignments.Any(a => a.UnitCode == grid || a.UnitCode.StartsWith(grid + "-", StringComparison.Ordinal)));
        await using var dispatcher = await Connected(App, Dispatcher(4), "console-4");
        await using var duty = await Connected(App, onDuty.Phone, "duty-4");
        var atDuty = new CallEventsSeen(duty);

        var started = await dispatcher.StartCallAsync(worker.Id, Offer);
        var ringing = await atDuty.Next("callRinging", started.CallId);
        await dispatcher.HangUpAsync(started.CallId);
        var cancelled = await atDuty.Next("callEnded", started.CallId);

        Assert.Equal(("on_duty_worker", onDuty.Id, worker.Id), (started.Call.Fallback, started.Call.Ringing.WorkerId, started.Call.Callee.WorkerId));
        Assert.Equal(onDuty.Name, started.Call.Ringing.Name);
        Assert.Equal("on_duty_worker", ringing.Fallback);
        Assert.Equal(("cancelled", "cancelled"), (cancelled.Outcome, cancelled.EndCause));
    }

    [Fact]
    public async Task Bad_call_requests_are_refused_with_a_message_naming_the_fault_and_change_nothing()
    {
        var worker = Worker(5);
        var stranger = DemoFacts.WorkerUnder(DemoFacts.TownCode(5), WorkerRole.Volunteer);
        await using var dispatcher = await Connected(App, Dispatcher(5), "console-5");
        await using var web = await Connected(App, worker.Phone, "web-5");
        await using var other = await Connected(App, stranger.Phone, "other-5");
        await using var admin = await Connected(App, "admin", "admin-5");
        var records = await App.ClientFor(Dispatcher(5), DemoCountyFixture.Password);

        var unknown = await Assert.ThrowsAsync<HubException>(() => dispatcher.StartCallAsync("no-such-worker", Offer));
        var self = await Assert.ThrowsAsync<HubException>(() => web.StartCallAsync(worker.Id, Offer));
        var notSdp = await Assert.ThrowsAsync<HubException>(() => dispatcher.StartCallAsync(worker.Id, "hello"));
        var refusedSdp = await Assert.ThrowsAsync<HubException>(() => dispatcher.StartCallAsync(worker.Id, Offer + "m=bogus 9 X 0\r\n"));
        var notAWorker = await Assert.ThrowsAsync<HubException>(() => admin.StartCallAsync(worker.Id, Offer));
        var noCall = await Assert.ThrowsAsync<HubException>(() => web.AnswerCallAsync("call-none", Offer));
        var before = await records.GetFromJsonAsync<CallList>($"/api/calls?worker={worker.Id}");
        var started = await dispatcher.StartCallAsync(worker.Id, Offer);
        var answerOthers = await Assert.ThrowsAsync<HubException>(() => other.AnswerCallAsync(started.CallId, Offer));
        var hangUpOthers = await Assert.ThrowsAsync<HubException>(() => other.HangUpAsync(started.CallId));
        var declineOthers = await Assert.ThrowsAsync<HubException>(() => other.DeclineCallAsync(started.CallId));
        var after = await dispatcher.GetCallAsync(started.CallId);
        await dispatcher.HangUpAsync(started.CallId);

        Assert.Contains("'no-such-worker' does not exist", unknown.Message);
        Assert.Contains("cannot call yourself", self.Message);
        Assert.Contains("must start with 'v=0'", notSdp.Message);
        Assert.Contains("m=bogus", refusedSdp.Message);
        Assert.Contains("not a worker", notAWorker.Message);
        Assert.Contains("'call-none' does not exist", noCall.Message);
        Assert.Equal(0, before!.Total);
        Assert.All([answerOthers, hangUpOthers, declineOthers], e => Assert.Contains("is not yours", e.Message));
        Assert.Equal(("ringing", null), (after.State, after.AnsweredDevice));
    }

    [Fact]
    public async Task A_leg_dropped_by_the_media_plane_ends_the_call_for_both_sides_with_the_reason()
    {
        var worker = Worker(6);
        await using var dispatcher = await Connected(App, Dispatcher(6), "console-6");
        await using var web = await Connected(App, worker.Phone, "web-6");
        var (atDispatcher, atWeb) = (new CallEventsSeen(dispatcher), new CallEventsSeen(web));
        var started = await dispatcher.StartCallAsync(worker.Id, Offer);
        await atWeb.Next("callRinging", started.CallId);
        await web.AnswerCallAsync(started.CallId, Offer);

        App.Media.Drop(started.CallId, "callee-web-6", "consent expired: no STUN response for 30 s");
        var toDispatcher = await atDispatcher.Next("callEnded", started.CallId);
        var toWorker = await atWeb.Next("callEnded", started.CallId);

        Assert.Equal(("dropped", "dropped"), (toDispatcher.Outcome, toWorker.Outcome));
        Assert.Equal(("media_dropped", "media_dropped"), (toDispatcher.EndCause, toWorker.EndCause));
        Assert.Contains("consent expired", toDispatcher.Reason);
        Assert.Contains("callee-web-6", toWorker.Reason);
    }

    [Fact]
    public async Task Call_records_are_listed_and_read_only_within_the_askers_units_and_bad_queries_are_problems()
    {
        var worker = Worker(7);
        await using var dispatcher = await Connected(App, Dispatcher(7), "console-7");
        await using var web = await Connected(App, worker.Phone, "web-7");
        var atWeb = new CallEventsSeen(web);
        var started = await dispatcher.StartCallAsync(worker.Id, Offer);
        await atWeb.Next("callRinging", started.CallId);
        await web.DeclineCallAsync(started.CallId);
        var mine = await App.ClientFor(Dispatcher(7), DemoCountyFixture.Password);
        var otherTown = await App.ClientFor(Dispatcher(8), DemoCountyFixture.Password);
        var self = await App.ClientFor(worker.Phone, DemoCountyFixture.Password);

        var listed = await mine.GetFromJsonAsync<CallList>($"/api/calls?unit={DemoFacts.TownCode(7)}&outcome=declined&limit=5");
        var ownList = await self.GetFromJsonAsync<CallList>("/api/calls");
        var hiddenList = await otherTown.GetFromJsonAsync<CallList>($"/api/calls?worker={worker.Id}");
        var hidden = await otherTown.GetAsync($"/api/calls/{started.CallId}");
        var foreignUnit = await otherTown.GetAsync($"/api/calls?unit={DemoFacts.TownCode(7)}");
        var bad = await mine.GetAsync("/api/calls?from=yesterday&outcome=maybe&limit=0");
        var missing = await mine.GetAsync("/api/calls/call-none");

        Assert.Contains(listed!.Calls, c => c.CallId == started.CallId && c.Outcome == "declined");
        Assert.Contains(ownList!.Calls, c => c.CallId == started.CallId);
        Assert.DoesNotContain(hiddenList!.Calls, c => c.CallId == started.CallId);
        Assert.Equal(HttpStatusCode.Forbidden, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, foreignUnit.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var problem = await bad.Content.ReadAsStringAsync();
        Assert.Contains("\"from\"", problem);
        Assert.Contains("\"outcome\"", problem);
        Assert.Contains("\"limit\"", problem);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private static async Task Poll(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(what + " did not happen within 20 s");
            }
            await Task.Delay(25);
        }
    }
}
