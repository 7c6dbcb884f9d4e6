using System.Reflection;
using Dispatch.Contracts.Org;

namespace Dispatch.Gateway.Tests.Support;

/// <summary>
/// An <see cref="IGrainFactory"/> for unit tests of the gateway's caches: worker grains answer <c>Get</c> from
/// <see cref="WorkerUnits"/>, unit grains answer <c>GetPath</c> from <see cref="UnitPaths"/>, and every question is
/// counted in <see cref="Asked"/> (by grain key). The org version grain answers with <see cref="OrgChanges"/>, which a
/// test moves with <see cref="ChangeOrg"/> as a saved change would. Anything else is refused.
/// </summary>
public class CountingGrains : DispatchProxy
{
    public Dictionary<string, string> WorkerUnits { get; } = [];

    public Dictionary<string, string[]> UnitPaths { get; } = [];

    public Dictionary<string, int> Asked { get; } = [];

    public long OrgChanges { get; private set; }

    public void ChangeOrg() => OrgChanges++;

    public static IGrainFactory Create(out CountingGrains grains)
    {
        var factory = Create<IGrainFactory, CountingGrains>();
        grains = (CountingGrains)(object)factory;
        return factory;
    }

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        if (method is { Name: nameof(IGrainFactory.GetGrain), IsGenericMethod: true } && method.GetGenericArguments()[0] == typeof(IOrgVersionGrain))
        {
            var version = Create<IOrgVersionGrain, VersionStandIn>();
            ((VersionStandIn)(object)version).Owner = this;
            return version;
        }
        if (method is { Name: nameof(IGrainFactory.GetGrain), IsGenericMethod: true } && args?[0] is string key)
        {
            var type = method.GetGenericArguments()[0];
            if (type == typeof(IWorkerGrain) || type == typeof(IOrgUnitGrain))
            {
                var grain = typeof(DispatchProxy).GetMethod(nameof(DispatchProxy.Create), 2, [])!
                    .MakeGenericMethod(type, typeof(GrainStandIn)).Invoke(null, null)!;
                ((GrainStandIn)grain).Bind(this, key);
                return grain;
            }
        }
        throw new NotSupportedException($"Not a question these stand-ins answer: {method}");
    }

    public class VersionStandIn : DispatchProxy
    {
        private static readonly Guid Epoch = Guid.NewGuid();

        public CountingGrains Owner { get; set; } = null!;

        protected override object? Invoke(MethodInfo? method, object?[]? args) => method?.Name == nameof(IOrgVersionGrain.Get)
            ? Task.FromResult(new OrgVersion(Epoch, Owner.OrgChanges))
            : throw new NotSupportedException($"Not a question these stand-ins answer: {method}");
    }

    public class GrainStandIn : DispatchProxy
    {
        private CountingGrains _owner = null!;
        private string _key = "";

        public void Bind(CountingGrains owner, string key) => (_owner, _key) = (owner, key);

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            _owner.Asked[_key] = _owner.Asked.GetValueOrDefault(_key) + 1;
            switch (method?.Name)
            {
                case nameof(IWorkerGrain.Get) when method.DeclaringType == typeof(IWorkerGrain):
                    WorkerView? view = _owner.WorkerUnits.TryGetValue(_key, out var unit) ? Worker(_key, unit) : null;
                    return Task.FromResult(view);
                case nameof(IOrgUnitGrain.GetPath):
                    return Task.FromResult<IReadOnlyList<string>>(_owner.UnitPaths.GetValueOrDefault(_key, []));
                default:
                    throw new NotSupportedException($"Not a question these stand-ins answer: {method}");
            }
        }
    }

    public static WorkerView Worker(string id, string unitCode) =>
        new(new WorkerDefinition(id, id, "139", [new UnitAssignment(unitCode, WorkerRole.FullTimeGridWorker)], true), [], DateTimeOffset.UnixEpoch);
}
