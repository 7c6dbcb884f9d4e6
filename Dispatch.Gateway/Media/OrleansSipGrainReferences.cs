namespace Dispatch.Gateway.Media;

/// <summary>
/// References to string-keyed grains of one interface, made without <c>IGrainFactory.GetGrain&lt;T&gt;(string)</c>'s
/// per-call lookup of the interface type: in Orleans 10 that lookup reads the interface's attributes by reflection
/// every time, and at REGISTER rates it was 4 % of the gateway's CPU (docs/benchmarks.md, "CPU per call"). The
/// grain type and interface type are resolved once; each reference is then just a grain id.
/// </summary>
internal sealed class OrleansSipGrainReferences<TGrain>
    where TGrain : IGrainWithStringKey
{
    private readonly IGrainFactory _grains;
    private readonly GrainType _grainType;
    private readonly GrainInterfaceType _interfaceType;

    public OrleansSipGrainReferences(IGrainFactory grains)
    {
        _grains = grains;
        // Any key will do: only the types are read from this reference (GetGrain refuses an empty key).
        var sample = (GrainReference)(object)grains.GetGrain<TGrain>("type-sample");
        _grainType = sample.GrainId.Type;
        _interfaceType = sample.InterfaceType;
    }

    public TGrain For(string key) => (TGrain)_grains.GetGrain(IdFor(key), _interfaceType);

    public GrainId IdFor(string key) => GrainId.Create(_grainType, key);
}
