using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using Dispatch.Contracts.Realtime;
using Dispatch.Gateway.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace Dispatch.Benchmarks.Realtime;

/// <summary>
/// The per-recipient protocol work of a broadcast, JSON against MessagePack (issue 3: "chosen by
/// measurement"): the gateway writes one <c>push</c> invocation per connection, each device parses it,
/// and the gateway parses each device's <c>Ack(id, "delivered")</c>. Both protocols configured as the
/// gateway configures them (RealtimeHosting); the push is a typical one (Chinese title and body).
/// </summary>
[MemoryDiagnoser]
public class HubProtocolBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(4096);
    private IHubProtocol _protocol = null!;
    private InvocationMessage _push = null!;
    private ReadOnlySequence<byte> _pushBytes;
    private ReadOnlySequence<byte> _ackBytes;

    [Params("json", "messagepack")]
    public string Protocol { get; set; } = "json";

    [GlobalSetup]
    public void Setup()
    {
        _protocol = Protocol == "json"
            ? new JsonHubProtocol(Options.Create(new JsonHubProtocolOptions
            {
                PayloadSerializerOptions = new JsonSerializerOptions(JsonSerializerDefaults.Web)
                {
                    Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
                },
            }))
            : new MessagePackHubProtocol(Options.Create(new MessagePackHubProtocolOptions()));
        var view = new PushView("5f0c2a9e1b7d4c3a8e6f0b1d00000f3a", PushKind.Notice, "【通知】今晚八点前完成辖区防汛巡查",
            "请各网格员于今晚八点前完成辖区内河道、低洼地带的防汛巡查，发现险情立即上报。", DateTimeOffset.UtcNow, "dispatcher.t01");
        _push = new InvocationMessage("push", [view]);
        _pushBytes = new ReadOnlySequence<byte>(_protocol.GetMessageBytes(_push));
        _ackBytes = new ReadOnlySequence<byte>(_protocol.GetMessageBytes(
            new InvocationMessage("7", "Ack", ["5f0c2a9e1b7d4c3a8e6f0b1d00000f3a", "delivered"])));
    }

    [Benchmark(Description = "gateway writes a push")]
    public int WritePush()
    {
        _output.ResetWrittenCount();
        _protocol.WriteMessage(_push, _output);
        return _output.WrittenCount;
    }

    [Benchmark(Description = "device parses a push")]
    public HubMessage? ParsePush()
    {
        var input = _pushBytes;
        _protocol.TryParseMessage(ref input, Binder.Push, out var message);
        return message;
    }

    [Benchmark(Description = "gateway parses an ack")]
    public HubMessage? ParseAck()
    {
        var input = _ackBytes;
        _protocol.TryParseMessage(ref input, Binder.Ack, out var message);
        return message;
    }

    /// <summary>What SignalR's binder says about the one method or event being parsed.</summary>
    private sealed class Binder(Type[] parameters) : IInvocationBinder
    {
        public static readonly Binder Push = new([typeof(PushView)]);
        public static readonly Binder Ack = new([typeof(string), typeof(string)]);

        public IReadOnlyList<Type> GetParameterTypes(string methodName) => parameters;

        public Type GetReturnType(string invocationId) => typeof(object);

        public Type GetStreamItemType(string streamId) => typeof(object);
    }
}
