using System.Net.Http.Json;
using System.Text.Json;
using Dispatch.Client;
using Dispatch.Gateway.Tests.Realtime;

namespace Dispatch.Gateway.Tests.Tasks;

/// <summary>An assignment reaches the grid worker's device as a task push; accepting it on the device accepts the task.</summary>
public sealed class TaskPushTests(TaskCountyFixture fixture) : IClassFixture<TaskCountyFixture>
{
    [Fact]
    public async Task Assigning_pushes_the_task_to_the_grid_workers_device_and_accepting_the_push_accepts_the_task()
    {
        var dispatcher = await fixture.As(TaskCounty.DispatcherLogin);
        await using var device = await HubClients.LoggedIn(fixture.App, TaskCounty.Worker1Login);
        var received = new TaskCompletionSource<PushNotice>(TaskCreationOptions.RunContinuationsAsynchronously);
        device.PushReceived += push =>
        {
            if (push.Kind == PushKind.Task)
            {
                received.TrySetResult(push);
            }
            return Task.CompletedTask;
        };
        await device.ConnectAsync();
        var id = (await TasksApiTests.Report(dispatcher, TaskCounty.InGrid1)).GetProperty("id").GetString()!;
        (await TasksApiTests.Act(dispatcher, id, new { action = "verify" })).EnsureSuccessStatusCode();
        (await TasksApiTests.Act(dispatcher, id, new { action = "assign", unitCode = fixture.County.Grid1 })).EnsureSuccessStatusCode();

        var push = await received.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.StartsWith("【任务】消防通道被占", push.Title);
        Assert.Contains("消防通道堵塞", push.Body);
        await device.AckAsync(push.Id, ReceiptKind.Read);
        await device.AckAsync(push.Id, ReceiptKind.Accepted);

        var task = await Poll.Until(() => dispatcher.GetFromJsonAsync<JsonElement>($"/api/tasks/{id}"),
            t => t.GetProperty("stage").GetString() == "handling", TimeSpan.FromSeconds(30), "the accepted push to accept the task");
        Assert.Equal(fixture.County.Worker1, task.GetProperty("assignedWorkerId").GetString());
        var what = task.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("what").GetString()!).ToArray();
        // The client acknowledges delivery by itself, concurrently with the test's read: the order of those two is free.
        Assert.Contains("Delivered", what);
        Assert.Contains("Read", what);
        Assert.Contains("Accepted", what);
        Assert.True(Array.IndexOf(what, "Accept") > Array.IndexOf(what, "Accepted"), string.Join(", ", what));
    }
}
