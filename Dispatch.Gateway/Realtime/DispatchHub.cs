using Dispatch.Contracts.Org;
using Dispatch.Contracts.Realtime;
using Dispatch.Gateway.Api.Notices;
using Dispatch.Gateway.Auth;
using Dispatch.Gateway.Hosting;
using Dispatch.Gateway.Media;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Dispatch.Gateway.Realtime;

/// <summary>
/// <c>/hubs/dispatch</c>: one connection is one device of the caller (<c>?device=&lt;id&gt;&amp;kind=web|app</c>),
/// and may also be a console watching presence. Everything a method refuses is a <see cref="HubException"/>
/// whose message says what was wrong; nothing is changed by a refused call. See docs/protocol.md.
/// </summary>
[Authorize]
internal sealed partial class DispatchHub(IGrainFactory grains, GatewayNode node, DeviceConnections devices, OrgScope scope, EchoSignalling echo, DeliveryFirst deliveryFirst) : Hub
{
    private const string DeviceKey = "device";

    public override async Task OnConnectedAsync()
    {
        var workerId = Context.User?.WorkerIdOf();
        if (workerId is null)
        {
            // An administrator is nobody in the tree: a console only, with no inbox and no presence.
            return;
        }
        var http = Context.GetHttpContext();
        var device = new ConnectedDevice(
            workerId,
            HubInput.DeviceId(http?.Request.Query["device"], Context.ConnectionId),
            HubInput.DeviceKind(http?.Request.Query["kind"]),
            Context.ConnectionId);
        Context.Items[DeviceKey] = device;
        devices.Add(device);
        // So that a send to every device finds a pipe block for each in the pool instead of allocating them.
        SharedBufferPool.ReserveFor(devices.Count);
        await Presence(workerId).Connect(new DeviceSession(device.DeviceId, device.Kind, device.ConnectionId, node.Id, node.Observer));
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        Awareness().Forget(Context.ConnectionId);
        if (Context.Items.TryGetValue(DeviceKey, out var value) && value is ConnectedDevice device)
        {
            devices.Remove(device.ConnectionId);
            await Presence(device.WorkerId).Disconnect(device.DeviceId, device.ConnectionId);
        }
    }

    /// <summary>
    /// "Test my camera and microphone": answers a WebRTC offer (audio and/or video) with an echo endpoint that
    /// sends the caller's own media back. Any logged-in user, administrators included. See docs/media-echo.md.
    /// </summary>
    public string EchoOffer(string sdpOffer) => echo.Answer(sdpOffer);

    /// <summary>The pushes this device has not received or the worker has not read, oldest first.</summary>
    public async Task<IReadOnlyList<PushView>> Sync()
    {
        var device = Device();
        var pending = await Inbox(device.WorkerId).Pending(device.DeviceId);
        return pending.Select(PushView.From).ToArray();
    }

    /// <summary>
    /// Acknowledges one of the caller's pushes: <c>delivered</c>, <c>read</c> or <c>accepted</c> (tasks). Waits
    /// while this gateway is handing a send to its devices (<see cref="DeliveryFirst"/>).
    /// </summary>
    public async Task Ack(string pushId, string kind)
    {
        var device = Device();
        var receipt = HubInput.ReceiptKind(kind);
        await deliveryFirst.WhenFree();
        var outcome = await Inbox(device.WorkerId).Ack(HubInput.Required(pushId, "pushId"), device.DeviceId, receipt);
        switch (outcome)
        {
            case AckOutcome.UnknownPush:
                throw new HubException($"Push '{pushId}' is not in your inbox (an unknown id, or another worker's push); nothing was acknowledged.");
            case AckOutcome.NotATask:
                throw new HubException($"Push '{pushId}' is not a task; only tasks can be accepted. Send 'read' instead.");
        }
    }

    /// <summary>Reports what this device's person is doing: <c>available</c>, <c>busy</c> or <c>in_call</c>.</summary>
    public Task SetActivity(string activity)
    {
        var device = Device();
        return Presence(device.WorkerId).SetActivity(device.DeviceId, HubInput.Activity(activity));
    }

    /// <summary>
    /// Starts sending <c>presence</c> events for every worker assigned in the unit's subtree and returns
    /// their presence now (subscribed first, so no change between the two is lost).
    /// </summary>
    public async Task<IReadOnlyList<PresenceView>> SubscribePresence(string unitCode)
    {
        var code = await UnitInScope(unitCode);
        await Groups.AddToGroupAsync(Context.ConnectionId, PresenceGroups.Of(code));
        var members = await grains.GetGrain<IOrgUnitGrain>(code).FindMembers(new MemberQuery());
        var workerIds = members.Select(m => m.WorkerId).Distinct().Order(StringComparer.Ordinal).ToArray();
        var statuses = await Task.WhenAll(workerIds.Select(id => Presence(id).GetStatus()));
        var now = DateTimeOffset.UtcNow;
        return workerIds.Select((id, i) => new PresenceView(id, statuses[i], now)).ToArray();
    }

    public async Task UnsubscribePresence(string unitCode)
    {
        var code = HubInput.Required(unitCode, "unitCode");
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, PresenceGroups.Of(code));
    }

    /// <summary>
    /// Starts sending <c>awareness</c> events for a notice the caller sent or whose units the caller's scope
    /// covers, and returns its awareness now (docs/notices.md).
    /// </summary>
    public async Task<NoticeAwarenessResponse> SubscribeAwareness(string noticeId)
    {
        var id = HubInput.Required(noticeId, "noticeId");
        var (notice, refused) = await NoticesApi.Visible(id, Context.User!, grains, scope);
        if (refused is not null)
        {
            throw new HubException($"Notice '{id}' does not exist or is outside what your login may see.");
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, AwarenessRelay.GroupOf(id));
        Awareness().Watch(id, Context.ConnectionId);
        return await NoticeAwareness.Of(grains, notice!);
    }

    public async Task UnsubscribeAwareness(string noticeId)
    {
        var id = HubInput.Required(noticeId, "noticeId");
        Awareness().Unwatch(id, Context.ConnectionId);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, AwarenessRelay.GroupOf(id));
    }

    private AwarenessRelay Awareness() => Context.GetHttpContext()!.RequestServices.GetRequiredService<AwarenessRelay>();

    private async Task<string> UnitInScope(string unitCode)
    {
        var code = HubInput.Required(unitCode, "unitCode");
        if (await grains.GetGrain<IOrgUnitGrain>(code).Get() is null)
        {
            throw new HubException($"Unit '{code}' does not exist.");
        }
        if (!await scope.CoversUnitCode(Context.User!, code))
        {
            throw new HubException($"Unit '{code}' is outside the units your login may see.");
        }
        return code;
    }

    private ConnectedDevice Device() =>
        Context.Items.TryGetValue(DeviceKey, out var value) && value is ConnectedDevice device
            ? device
            : throw new HubException("This login is not a worker: it has no inbox and no presence.");

    private IInboxGrain Inbox(string workerId) => grains.GetGrain<IInboxGrain>(workerId);

    private IPresenceGrain Presence(string workerId) => grains.GetGrain<IPresenceGrain>(workerId);
}
