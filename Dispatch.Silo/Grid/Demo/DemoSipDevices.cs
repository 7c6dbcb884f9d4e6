using System.Security.Cryptography;
using System.Text;
using Dispatch.Contracts.Org;

namespace Dispatch.Silo.Grid.Demo;

/// <summary>
/// One desk SIP phone ("desk-1") for every grid chief and full-time grid worker, registering with
/// the worker's phone number as the digest username.
/// </summary>
public static class DemoSipDevices
{
    public const string DeskDeviceId = "desk-1";

    /// <summary>
    /// DEMO ONLY. The SIP password of a demo worker's desk phone: the first 12 hex digits of
    /// SHA-256("dispatch-demo-sip:" + workerId). Anyone who reads this code can compute it, so it
    /// must exist only while the demo data is on; a real county sets its own credentials.
    /// </summary>
    public static string DemoSipPassword(string workerId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("dispatch-demo-sip:" + workerId)))[..12];

    internal static IReadOnlyDictionary<string, IReadOnlyList<SipDeviceCredential>> For(IEnumerable<WorkerDefinition> workers)
    {
        var devices = new Dictionary<string, IReadOnlyList<SipDeviceCredential>>(StringComparer.Ordinal);
        foreach (var worker in workers)
        {
            if (worker.Assignments.Any(a => a.Role is WorkerRole.GridChief or WorkerRole.FullTimeGridWorker))
            {
                devices[worker.Id] = [DigestHa1.Credential(DeskDeviceId, worker.Phone, DemoSipPassword(worker.Id))];
            }
        }
        return devices;
    }
}
