namespace Dispatch.Silo.Grid;

/// <summary>
/// A named login of the demo data ("admin", "dispatcher", "dispatcher.t01", ...). It exists only
/// while demo data is on; how it authenticates is the gateway's decision.
/// </summary>
/// <param name="WorkerId">The worker the login acts as; null for the admin, who is nobody in the tree.</param>
public sealed record DemoLogin(string LoginName, string? WorkerId, bool IsAdmin);
