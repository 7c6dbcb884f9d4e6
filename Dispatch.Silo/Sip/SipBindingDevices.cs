using Dispatch.Contracts.Sip;

namespace Dispatch.Silo.Sip;

/// <summary>The devices behind a worker's bindings, compared without building a set (a REGISTER refresh asks this).</summary>
public static class SipBindingDevices
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

    /// <summary>
    /// Whether the unexpired bindings of <paramref name="before"/> and <paramref name="after"/> name the same devices:
    /// if not, a device appeared or went and presence must hear of it.
    /// </summary>
    public static bool AreSame(IReadOnlyList<SipBinding> before, IReadOnlyList<SipBinding> after, DateTimeOffset now)
    {
        return Covers(before, after) && Covers(after, before);

        bool Covers(IReadOnlyList<SipBinding> these, IReadOnlyList<SipBinding> those)
        {
            foreach (var binding in these)
            {
                if (binding.Expires > now && !Names(those, binding.DeviceId))
                {
                    return false;
                }
            }
            return true;
        }

        bool Names(IReadOnlyList<SipBinding> bindings, string device)
        {
            foreach (var binding in bindings)
            {
                if (binding.Expires > now && binding.DeviceId == device)
                {
                    return true;
                }
            }
            return false;
        }
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
