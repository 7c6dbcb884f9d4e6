using Dispatch.Contracts.Calls;

namespace Dispatch.Silo.Calls;

/// <summary>The busy check (<see cref="ICallLineGrain"/>): memory only, verified against the holding call when asked.</summary>
public sealed class CallLineGrain : Grain, ICallLineGrain
{
    private string? _callId;

    public async Task<string?> Seize(string callId)
    {
        if (_callId is { } held && held != callId)
        {
            var holder = await GrainFactory.GetGrain<ICallGrain>(held).Get();
            if (holder is { State: not CallState.Ended })
            {
                return held;
            }
        }
        _callId = callId;
        return null;
    }

    public Task Release(string callId)
    {
        if (_callId == callId)
        {
            _callId = null;
        }
        return Task.CompletedTask;
    }
}
