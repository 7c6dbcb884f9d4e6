using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dispatch.Client;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace Dispatch.LoadGen;

/// <summary>
/// Reads one <c>push</c> event through the devices' hub protocol before anything is measured. The simulated devices
/// share one process, so what their first push costs to set up (MessagePack builds a reader per type on first use)
/// would be paid once, in front of all 5,000 deliveries, and charged to the server; on real phones each device pays it
/// for itself, in parallel. The server's own first-use costs are not touched.
/// </summary>
internal static class ClientWarmUp
{
    public static void Run(HubWireProtocol protocol)
    {
        IHubProtocol hub = protocol == HubWireProtocol.MessagePack
            ? new MessagePackHubProtocol()
            : new JsonHubProtocol(Options.Create(new JsonHubProtocolOptions
            {
                PayloadSerializerOptions = { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) } },
            }));
        var notice = new PushNotice("0", PushKind.Notice, "warm-up", "", DateTimeOffset.UnixEpoch, "load generator", 1);
        var input = new ReadOnlySequence<byte>(hub.GetMessageBytes(new InvocationMessage("push", [notice])));
        if (!hub.TryParseMessage(ref input, new PushBinder(), out var message) || message is not InvocationMessage { Arguments: [PushNotice] })
        {
            throw new InvalidOperationException($"The {hub.Name} protocol did not read back a push.");
        }
        notice.DeliveredAckDelay();
    }

    private sealed class PushBinder : IInvocationBinder
    {
        public IReadOnlyList<Type> GetParameterTypes(string methodName) => [typeof(PushNotice)];

        public Type GetReturnType(string invocationId) => typeof(object);

        public Type GetStreamItemType(string streamId) => typeof(object);
    }
}
