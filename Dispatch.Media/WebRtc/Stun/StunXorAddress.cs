using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Dispatch.Media.WebRtc.Stun;

/// <summary>
/// XOR-MAPPED-ADDRESS (RFC 8489 §14.2): the port is XORed with the top 16 bits of the magic cookie,
/// an IPv4 address with the cookie, an IPv6 address with the cookie followed by the transaction ID.
/// </summary>
public static class StunXorAddress
{
    private const byte FamilyV4 = 0x01;
    private const byte FamilyV6 = 0x02;

    public static int ValueLength(AddressFamily family) => family == AddressFamily.InterNetworkV6 ? 20 : 8;

    public static bool TryRead(ReadOnlySpan<byte> value, StunTransactionId transactionId, out IPEndPoint? endPoint)
    {
        endPoint = null;
        if (value.Length < 4)
        {
            return false;
        }
        var port = (ushort)(BinaryPrimitives.ReadUInt16BigEndian(value[2..]) ^ (StunHeader.MagicCookie >> 16));
        Span<byte> mask = stackalloc byte[16];
        WriteMask(mask, transactionId);
        switch (value[1])
        {
            case FamilyV4 when value.Length == 8:
            {
                Span<byte> address = stackalloc byte[4];
                for (var i = 0; i < 4; i++)
                {
                    address[i] = (byte)(value[4 + i] ^ mask[i]);
                }
                endPoint = new IPEndPoint(new IPAddress(address), port);
                return true;
            }
            case FamilyV6 when value.Length == 20:
            {
                Span<byte> address = stackalloc byte[16];
                for (var i = 0; i < 16; i++)
                {
                    address[i] = (byte)(value[4 + i] ^ mask[i]);
                }
                endPoint = new IPEndPoint(new IPAddress(address), port);
                return true;
            }
            default:
                return false;
        }
    }

    public static int Write(IPEndPoint endPoint, StunTransactionId transactionId, Span<byte> destination)
    {
        var v6 = endPoint.AddressFamily == AddressFamily.InterNetworkV6;
        var addressLength = v6 ? 16 : 4;
        destination[0] = 0;
        destination[1] = v6 ? FamilyV6 : FamilyV4;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)(endPoint.Port ^ (int)(StunHeader.MagicCookie >> 16)));
        Span<byte> mask = stackalloc byte[16];
        WriteMask(mask, transactionId);
        var address = destination.Slice(4, addressLength);
        endPoint.Address.TryWriteBytes(address, out _);
        for (var i = 0; i < addressLength; i++)
        {
            address[i] ^= mask[i];
        }
        return 4 + addressLength;
    }

    private static void WriteMask(Span<byte> mask, StunTransactionId transactionId)
    {
        BinaryPrimitives.WriteUInt32BigEndian(mask, StunHeader.MagicCookie);
        transactionId.Write(mask[4..]);
    }
}
