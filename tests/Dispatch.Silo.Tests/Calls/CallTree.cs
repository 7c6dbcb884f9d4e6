using Dispatch.Contracts.Calls;
using Dispatch.Contracts.Org;
using Dispatch.Contracts.Realtime;

namespace Dispatch.Silo.Tests.Calls;

/// <summary>
/// A city with one grid, fresh per test (its own prefix): a dispatcher in the city; in the grid a worker (off duty),
/// an on-duty worker, and the grid chief (off duty). Devices connect to one recording gateway.
/// </summary>
internal sealed class CallTree(IGrainFactory grains, IGatewayObserver gateway, string prefix)
{
    public const string GatewayId = "gw-test";

    public string City => prefix;

    public string Grid => prefix + "-g";

    public string Dispatcher => prefix + "-disp";

    public string Worker => prefix + "-w";

    public string OnDuty => prefix + "-duty";

    public string Chief => prefix + "-chief";

    public static async Task<CallTree> Create(IGrainFactory grains, IGatewayObserver gateway)
    {
        var tree = new CallTree(grains, gateway, "c" + Guid.NewGuid().ToString("N")[..8]);
        await grains.GetGrain<IOrgUnitGrain>(tree.City).Define(new UnitDefinition(tree.City, "呼叫市", OrgLevel.City, null, null, null, null));
        await grains.GetGrain<IOrgUnitGrain>(tree.City + "-t").Define(new UnitDefinition(tree.City + "-t", "呼叫镇", OrgLevel.Town, tree.City, null, null, null));
        await grains.GetGrain<IOrgUnitGrain>(tree.City + "-c").Define(new UnitDefinition(tree.City + "-c", "呼叫社区", OrgLevel.Community, tree.City + "-t", null, null, null));
        await grains.GetGrain<IOrgUnitGrain>(tree.Grid).Define(new UnitDefinition(tree.Grid, "呼叫网格", OrgLevel.Grid, tree.City + "-c", null, null, null));
        await tree.Define(tree.Dispatcher, "调度员甲", tree.City, WorkerRole.Dispatcher, onDuty: true);
        await tree.Define(tree.Worker, "网格员乙", tree.Grid, WorkerRole.FullTimeGridWorker, onDuty: false);
        await tree.Define(tree.OnDuty, "值班员丙", tree.Grid, WorkerRole.FullTimeGridWorker, onDuty: true);
        await tree.Define(tree.Chief, "网格长丁", tree.Grid, WorkerRole.GridChief, onDuty: false);
        return tree;
    }

    private Task Define(string id, string name, string unit, WorkerRole role, bool onDuty) =>
        grains.GetGrain<IWorkerGrain>(id).Define(new WorkerDefinition(id, name, "139" + Math.Abs(id.GetHashCode()).ToString("D8")[..8], [new UnitAssignment(unit, role)], onDuty));

    /// <summary>Connects a web device of the worker; the connection id is "&lt;worker&gt;/&lt;device&gt;".</summary>
    public async Task<DeviceSession> Connect(string workerId, string deviceId)
    {
        var session = new DeviceSession(deviceId, DeviceKind.Web, $"{workerId}/{deviceId}", GatewayId, gateway);
        await grains.GetGrain<IPresenceGrain>(workerId).Connect(session);
        return session;
    }

    /// <summary>Gives the worker a SIP account "&lt;worker&gt;-desk" and shows its phone as registered (a live SIP device).</summary>
    public async Task RegisterPhone(string workerId)
    {
        await grains.GetGrain<IWorkerGrain>(workerId).SetSipDevices([new SipDeviceCredential("desk-1", workerId + "-desk", "dispatch", "00", "00")]);
        await grains.GetGrain<IPresenceGrain>(workerId).Connect(new DeviceSession("desk-1", DeviceKind.Sip, "sip-flow", "sip", null));
    }

    public CallStart Start(DeviceSession caller, string callerId, string calleeId, TimeSpan? ringTimeout = null) =>
        new(callerId, calleeId, caller, GatewayId, gateway, ringTimeout, RingsPhones: true);

    public ICallGrain Call(string id) => grains.GetGrain<ICallGrain>(id);

    public static string NewCallId() => "call-" + Guid.NewGuid().ToString("N");
}
