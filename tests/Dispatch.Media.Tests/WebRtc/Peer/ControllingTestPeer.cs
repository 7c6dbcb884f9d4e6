using System.Net;
using System.Text;
using Dispatch.Media.WebRtc.Dtls;
using Dispatch.Media.WebRtc.Ice;
using Dispatch.Media.WebRtc.Srtp;
using Dispatch.Media.WebRtc.Stun;

namespace Dispatch.Media.Tests.WebRtc.Peer;

/// <summary>
/// The browser's side for in-memory tests: a full, controlling ICE agent with one candidate pair that sends
/// checks with USE-CANDIDATE (RFC 8445 §7.2.4, aggressive nomination) until one succeeds, then a DTLS client
/// (a=setup:active) and SRTP from its keys.
/// </summary>
internal sealed class ControllingTestPeer(IceCredentials local, IceCredentials remote, DtlsEndpoint dtls)
{
    private readonly byte[] _remotePassword = Encoding.UTF8.GetBytes(remote.Password);
    private DateTimeOffset _nextCheck = DateTimeOffset.MinValue;

    public bool IceSucceeded { get; private set; }

    public SrtpSession? Srtp { get; private set; }

    public string? Failure { get; private set; }

    public DtlsEndpoint Dtls => dtls;

    /// <summary>Datagrams to send now: a check every 50 ms until one succeeds, then every 2.5 s (consent, RFC 7675 §5.1).</summary>
    public IEnumerable<byte[]> Poll(DateTimeOffset now)
    {
        if (now >= _nextCheck)
        {
            _nextCheck = now + (IceSucceeded ? TimeSpan.FromMilliseconds(2500) : TimeSpan.FromMilliseconds(50));
            yield return Check();
        }
        while (dtls.TryPollDatagram(out var flight))
        {
            yield return flight;
        }
        while (dtls.TryPollEvent(out var dtlsEvent))
        {
            switch (dtlsEvent)
            {
                case DtlsHandshakeCompleted done:
                    var profile = (SrtpProfile)(ushort)done.Keys.Profile;
                    var mine = done.Keys.Local(DtlsRole.Client);
                    var theirs = done.Keys.Remote(DtlsRole.Client);
                    Srtp = new SrtpSession(
                        new SrtpContext(profile, new SrtpMasterKey(mine.Key, mine.Salt)),
                        new SrtpContext(profile, new SrtpMasterKey(theirs.Key, theirs.Salt)));
                    break;
                case DtlsFailed failed:
                    Failure = failed.Reason;
                    break;
            }
        }
    }

    /// <summary>Handles a datagram from the lite peer; returns SRTP-bearing datagrams for the caller to unprotect.</summary>
    public bool Receive(byte[] datagram)
    {
        switch (PacketDemultiplexer.Classify(datagram))
        {
            case PacketKind.Stun:
                if (StunMessage.TryParse(datagram, out var message, out _) && message!.Type == StunMessageType.BindingSuccessResponse
                    && message.VerifyMessageIntegrity(_remotePassword))
                {
                    if (!IceSucceeded)
                    {
                        IceSucceeded = true;
                        dtls.Start();
                    }
                }
                return false;
            case PacketKind.Dtls:
                dtls.HandleDatagram(datagram);
                return false;
            default:
                return true;
        }
    }

    private byte[] Check()
    {
        var buffer = new byte[256];
        var w = new StunMessageWriter(buffer, StunMessageType.BindingRequest, StunTransactionId.NewRandom());
        w.WriteString(StunAttributeType.Username, $"{remote.Ufrag}:{local.Ufrag}");
        w.WriteUInt32(StunAttributeType.Priority, 0x6e0001ff);
        w.WriteUInt64(StunAttributeType.IceControlling, 0x1122334455667788);
        w.WriteFlag(StunAttributeType.UseCandidate);
        w.WriteMessageIntegrity(_remotePassword);
        w.WriteFingerprint();
        return buffer[..w.Length];
    }
}
