using Dispatch.Contracts.Sip;

namespace Dispatch.Silo.Sip;

/// <summary>The devices behind a worker's bindings, compared without building a set (a REGISTER refresh asks this).</summary>
internal static class SipBindingDevices
{
    /// <summary>Whether <paramref name="devices"/> holds the device of every binding and no other (a worker has a few bindings at most).</summary>
    public static bool AreExactly(IReadOnlyList<SipBinding> bindings, IReadOnlySet<string> devices)
    {
        var distinct = 0;
        for (var i = 0; i < bindings.Count; i++)
        {
            if (!devices.Contains(bindings[i].DeviceId))
            {
                return false;
            }
            if (!IsRepeated(bindings, i))
            {
                distinct++;
            }
        }
        return distinct == devices.Count;
    }

    private static bool IsRepeated(IReadOnlyList<SipBinding> bindings, int index)
    {
        for (var i = 0; i < index; i++)
        {
            if (bindings[i].DeviceId == bindings[index].DeviceId)
            {
                return true;
            }
        }
        return false;
    }
}
