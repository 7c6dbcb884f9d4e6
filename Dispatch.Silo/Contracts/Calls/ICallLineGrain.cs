namespace Dispatch.Contracts.Calls;

/// <summary>
/// One per worker: the call the worker is in, if any (the busy check). In memory: a line held by a call that has
/// ended, or that the server lost, is freed when the next call asks.
/// </summary>
public interface ICallLineGrain : IGrainWithStringKey
{
    /// <summary>Takes the line for the call; returns the id of another live call holding it (busy), or null.</summary>
    Task<string?> Seize(string callId);

    /// <summary>Frees the line if this call holds it.</summary>
    Task Release(string callId);
}
