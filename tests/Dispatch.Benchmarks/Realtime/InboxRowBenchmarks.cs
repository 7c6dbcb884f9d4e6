using BenchmarkDotNet.Attributes;
using Dispatch.Contracts.Realtime;
using Dispatch.Silo.Realtime;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Dispatch.Benchmarks.Realtime;

/// <summary>
/// The encoding each write of a full inbox pays (1,000 pushes, each delivered and read on a phone, as a worker's inbox
/// is after months): until 2026-11-29 every <c>Store</c> and <c>Ack</c> rewrote the whole inbox (baseline); now a
/// <c>Store</c> rewrites the inbox's row of its newest pushes and the list of segments, and an <c>Ack</c> of an older
/// push the one <see cref="InboxSegment"/> that holds it. Encoded with the Orleans serializer, as the grain storage
/// does (docs/realtime.md, "Inbox segments").
/// </summary>
[MemoryDiagnoser]
public class InboxRowBenchmarks
{
    private const int Pushes = 1000;

    private Serializer _serializer = null!;
    private InboxState _wholeInbox = null!;
    private InboxState _newestRow = null!;
    private InboxSegment _segment = null!;

    [GlobalSetup]
    public void Setup()
    {
        _serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        var start = new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.FromHours(8));
        var entries = Enumerable.Range(0, Pushes).Select(i =>
        {
            var push = new PushMessage(PushMessage.NewId(), "W000123", PushKind.Notice, $"【通知】第 {i} 号：今晚八点前完成辖区防汛巡查",
                "请各网格员于今晚八点前完成辖区内河道、低洼地带的防汛巡查，发现险情立即上报。", start.AddHours(i), "dispatcher.t01", null);
            return new InboxEntry
            {
                Push = push,
                Receipts =
                [
                    new PushReceipt(push.Id, push.WorkerId, "app-7f3c", ReceiptKind.Delivered, push.CreatedAt.AddSeconds(1)),
                    new PushReceipt(push.Id, push.WorkerId, "app-7f3c", ReceiptKind.Read, push.CreatedAt.AddMinutes(3)),
                ],
            };
        }).ToList();
        _wholeInbox = new InboxState { Entries = entries };
        var segments = Pushes / InboxSegment.Capacity;
        _newestRow = new InboxState
        {
            Entries = entries.GetRange(segments * InboxSegment.Capacity, Pushes - segments * InboxSegment.Capacity),
            Segments = Enumerable.Range(0, segments).ToList(),
            NextSegment = segments,
        };
        _segment = new InboxSegment { Entries = entries.GetRange(0, InboxSegment.Capacity) };
        Console.WriteLine($"// row sizes: whole inbox {WholeInbox():N0} B, newest row {NewestRow():N0} B, one segment {OneSegment():N0} B");
    }

    [Benchmark(Baseline = true, Description = "before: the whole inbox (any Store or Ack)")]
    public int WholeInbox() => _serializer.SerializeToArray(_wholeInbox).Length;

    [Benchmark(Description = "now, a Store: the newest row and the segment list")]
    public int NewestRow() => _serializer.SerializeToArray(_newestRow).Length;

    [Benchmark(Description = "now, an Ack of an older push: its segment")]
    public int OneSegment() => _serializer.SerializeToArray(_segment).Length;
}
