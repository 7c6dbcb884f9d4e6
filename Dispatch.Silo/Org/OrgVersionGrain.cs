using Dispatch.Contracts.Org;

namespace Dispatch.Silo.Org;

/// <summary>See <see cref="IOrgVersionGrain"/>: a counter under a random epoch, nothing saved.</summary>
public sealed class OrgVersionGrain : Grain, IOrgVersionGrain
{
    private OrgVersion _version = new(Guid.NewGuid(), 0);

    public Task<OrgVersion> Get() => Task.FromResult(_version);

    public Task Changed()
    {
        _version = _version with { Changes = _version.Changes + 1 };
        return Task.CompletedTask;
    }
}
