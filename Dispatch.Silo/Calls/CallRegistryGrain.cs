using Dispatch.Contracts.Calls;

namespace Dispatch.Silo.Calls;

/// <summary>
/// Every call record in one grain, like the task registry: enough for a county's calls over months; a province would
/// shard it by town and by month.
/// </summary>
public sealed class CallRegistryGrain(
    [PersistentState("call-registry", StorageNames.Provider)] IPersistentState<CallRegistryState> state)
    : Grain, ICallRegistryGrain
{
    public async Task Upsert(CallRecord call)
    {
        state.State.Calls[call.Id] = call;
        await state.WriteStateAsync();
    }

    public Task<CallPage> Query(CallQuery query)
    {
        var matching = state.State.Calls.Values.Where(c => Visible(c, query) && Matches(c, query))
            .OrderByDescending(c => c.StartedAt).ThenBy(c => c.Id, StringComparer.Ordinal).ToArray();
        return Task.FromResult(new CallPage(matching.Skip(query.Offset).Take(query.Limit).ToArray(), matching.Length));
    }

    private static bool Visible(CallRecord call, CallQuery query) =>
        query.ScopeUnits is null
        || (query.ViewerWorkerId is { } viewer && call.Involves(viewer))
        || call.UnitCodes.Any(query.ScopeUnits.Contains);

    private static bool Matches(CallRecord call, CallQuery query) =>
        (query.UnitCode is null || call.UnitCodes.Contains(query.UnitCode))
        && (query.WorkerId is null || call.Involves(query.WorkerId))
        && (query.From is null || call.StartedAt >= query.From)
        && (query.To is null || call.StartedAt < query.To)
        && (query.Outcome is null || call.Outcome == query.Outcome);
}
