using Dispatch.Contracts.Realtime;
using Orleans.Storage;

namespace Dispatch.Silo.Realtime;

/// <summary>
/// The <see cref="InboxSegment"/> rows of one inbox grain, read at activation and written one at a time through the
/// grain storage (each with its own etag).
/// </summary>
internal sealed class InboxSegmentRows(IGrainStorage storage, GrainId grain)
{
    private readonly SortedDictionary<int, GrainState<InboxSegment>> _rows = [];

    /// <summary>Every entry in the segments, segment by segment, oldest segment first.</summary>
    public IEnumerable<InboxEntry> Entries => _rows.Values.SelectMany(row => Of(row).Entries);

    /// <summary>Each segment's list of receipts not yet reported to their sender.</summary>
    public IEnumerable<List<PushReceipt>> Unreported => _rows.Values.Select(row => Of(row).Unreported);

    public async Task Load(IEnumerable<int> numbers)
    {
        foreach (var number in numbers)
        {
            // A listed row that is missing was emptied and cleared just before a crash: it has nothing to add.
            var row = new GrainState<InboxSegment>(new InboxSegment());
            await storage.ReadStateAsync(InboxSegment.StateName(number), grain, row);
            _rows[number] = row;
        }
    }

    /// <summary>The number of the segment that holds <paramref name="entry"/>, or null.</summary>
    public int? Holding(InboxEntry entry)
    {
        foreach (var (number, row) in _rows)
        {
            if (Of(row).Entries.Contains(entry))
            {
                return number;
            }
        }
        return null;
    }

    public InboxSegment this[int number] => Of(_rows[number]);

    /// <summary>Writes a new segment's row.</summary>
    public async Task Create(int number, InboxSegment segment)
    {
        var name = InboxSegment.StateName(number);
        // A crash after a segment was written but before the inbox's row listed it leaves that row behind, and its
        // number is given again: read it first for its etag, or the write would be refused as a conflict.
        var row = new GrainState<InboxSegment>(new InboxSegment());
        await storage.ReadStateAsync(name, grain, row);
        row.State = segment;
        await storage.WriteStateAsync(name, grain, row);
        _rows[number] = row;
    }

    /// <summary>Writes the segment's row again, or clears it when it has no entries left (then it is forgotten).</summary>
    public async Task Save(int number)
    {
        var row = _rows[number];
        var name = InboxSegment.StateName(number);
        if (Of(row).Entries.Count > 0)
        {
            await storage.WriteStateAsync(name, grain, row);
            return;
        }
        await storage.ClearStateAsync(name, grain, row);
        _rows.Remove(number);
    }

    /// <summary>Removes the entry from its segment and returns the segment's number, or null if no segment held it.</summary>
    public int? Remove(InboxEntry entry)
    {
        if (Holding(entry) is not { } number)
        {
            return null;
        }
        this[number].Entries.Remove(entry);
        return number;
    }

    public void ForgetUnreported(PushReceipt receipt)
    {
        foreach (var row in _rows.Values)
        {
            if (Of(row).Unreported.Remove(receipt))
            {
                return;
            }
        }
    }

    /// <summary>The storage gives every row read a state, a new one where the row is missing.</summary>
    private static InboxSegment Of(GrainState<InboxSegment> row) => row.State ?? throw new InvalidOperationException("A segment row without a state.");

    public bool Contains(int number) => _rows.ContainsKey(number);
}
