namespace Dispatch.Media.Sip.Transport;

/// <summary>
/// Work a host attaches to the SIP UDP receive thread (<see cref="SipUdpServer"/>): set up once on that thread, and
/// run each time the thread has handled the datagrams waiting in the socket (or a burst of
/// <see cref="SipUdpServer.MaxBurst"/> of them), before it receives again. The gateway commits the burst's bindings
/// writes there, on the thread that made them.
/// </summary>
public interface ISipReceiveThreadHooks
{
    /// <summary>On the receive thread, before its first receive.</summary>
    void ThreadStarted();

    /// <summary>On the receive thread, before it may block in the next receive; must not throw for one bad input.</summary>
    void BurstEnded();
}
