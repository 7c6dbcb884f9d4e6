using Dispatch.Contracts.Calls;

namespace Dispatch.Gateway.Calls;

/// <summary>A person in a <see cref="CallView"/>.</summary>
public sealed record CallPartyView(string WorkerId, string Name)
{
    public static CallPartyView From(CallParty p) => new(p.WorkerId, p.Name);
}
