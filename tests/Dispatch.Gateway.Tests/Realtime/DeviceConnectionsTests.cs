using Dispatch.Contracts.Realtime;
using Dispatch.Gateway.Realtime;

namespace Dispatch.Gateway.Tests.Realtime;

/// <summary>
/// The gateway's index of its connected devices by worker, which a fanned-out push reads instead of asking a grain:
/// a quick reconnect (the new connection arrives before the old one's goodbye) must leave exactly the live one.
/// </summary>
public sealed class DeviceConnectionsTests
{
    [Fact]
    public void A_workers_devices_are_found_by_worker_and_a_reconnect_leaves_only_the_live_connection()
    {
        var devices = new DeviceConnections();
        devices.Add(new ConnectedDevice("w1", "phone", DeviceKind.App, "c1"));
        devices.Add(new ConnectedDevice("w1", "web", DeviceKind.Web, "c2"));
        devices.Add(new ConnectedDevice("w2", "phone", DeviceKind.App, "c3"));

        // The phone reconnects: its new connection first, the old one's goodbye after.
        devices.Add(new ConnectedDevice("w1", "phone", DeviceKind.App, "c4"));
        Assert.Equal(["c1", "c2", "c4"], devices.OfWorker("w1").Select(d => d.ConnectionId).Order());
        devices.Remove("c1");

        Assert.Equal(["c2", "c4"], devices.OfWorker("w1").Select(d => d.ConnectionId).Order());
        Assert.Equal(["c3"], devices.OfWorker("w2").Select(d => d.ConnectionId));
        Assert.Equal(3, devices.Count);
    }

    [Fact]
    public void A_worker_whose_last_device_left_has_none_and_unknown_connections_change_nothing()
    {
        var devices = new DeviceConnections();
        devices.Add(new ConnectedDevice("w1", "phone", DeviceKind.App, "c1"));
        var before = devices.OfWorker("w1");

        devices.Remove("c1");
        devices.Remove("c1");
        devices.Remove("never-seen");

        Assert.Empty(devices.OfWorker("w1"));
        Assert.Empty(devices.OfWorker("nobody"));
        Assert.Equal(0, devices.Count);
        // What a fan-out already read stays as it was (arrays are replaced, never changed).
        Assert.Equal(["c1"], before.Select(d => d.ConnectionId));
    }

    [Fact]
    public void Adds_and_removes_from_many_threads_leave_the_index_matching_the_connections()
    {
        var devices = new DeviceConnections();
        Parallel.For(0, 2000, i =>
        {
            devices.Add(new ConnectedDevice($"w{i % 50}", $"d{i}", DeviceKind.App, $"c{i}"));
            if (i % 3 == 0)
            {
                devices.Remove($"c{i}");
            }
        });

        var expected = Enumerable.Range(0, 2000).Where(i => i % 3 != 0).ToArray();
        Assert.Equal(expected.Length, devices.Count);
        for (var w = 0; w < 50; w++)
        {
            Assert.Equal(expected.Where(i => i % 50 == w).Select(i => $"c{i}").Order(),
                devices.OfWorker($"w{w}").Select(d => d.ConnectionId).Order());
        }
    }
}
